import { createHash } from 'node:crypto';
import { type Observable, concatMap, defer, from, lastValueFrom, map, mergeMap, of, toArray } from 'rxjs';
import {
  type Branch,
  type Commit,
  type ObjectInfo,
  OutcomeUnknownError,
  retryPolicyFrom,
  retryWithBackoff,
} from '../../../src';
import type { LocalServer } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, handledCount, on, recordRequests } from './support';

const OBJECTS = 2000;
const PRESIGNED_OBJECTS = 500;

/** Deterministic content of object `i` (1–8 × 32 bytes), so a failing run can be replayed. */
const contentOf = (i: number): Buffer =>
  Buffer.concat(
    Array.from({ length: (i % 8) + 1 }, (_, k) =>
      createHash('sha256').update(`object ${i} part ${k}`).digest(),
    ),
  );
const pathOf = (i: number): string => `data/part-${String(i % 20).padStart(2, '0')}/${i}.bin`;
const md5 = (data: Uint8Array): string => createHash('md5').update(data).digest('hex');

/**
 * How a user retries uploads: the library never retries a POST, but sending the same bytes to the same
 * path again is idempotent in effect (the second write replaces the first with identical content), so the
 * exported `retryWithBackoff` operator can be applied to the upload Observable.
 */
const uploadRetry = retryWithBackoff<ObjectInfo>(
  retryPolicyFrom({ maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 100 }),
);

const basePolicy = retryPolicyFrom({ maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 100 });
/** The client's policy, plus another try after a commit whose outcome it could not settle. */
const settlingPolicy = {
  maxAttempts: basePolicy.maxAttempts,
  delayBeforeRetry: (error: unknown, retryIndex: number): number | undefined =>
    error instanceof OutcomeUnknownError ? 5 : basePolicy.delayBeforeRetry(error, retryIndex),
};

/**
 * How a user commits exactly once over an unreliable network (`branch.commit()` settles a lost answer from
 * the branch head itself, and fails with `OutcomeUnknownError` when the head shows no sign of it): a commit that failed without an answer may
 * or may not have happened, so before sending it again look at the branch head; the commit landed when the
 * head carries this run's (unique) message.
 */
function commitExactlyOnce(branch: Branch, message: string): Observable<Commit> {
  let sent = false;
  return defer(() => {
    const landed$ = sent
      ? branch.getCommit().pipe(map((head) => (head.message === message ? head : undefined)))
      : of(undefined);
    return landed$.pipe(
      concatMap((landed) => {
        if (landed) return of(landed);
        sent = true;
        return branch.commit(message);
      }),
    );
  }).pipe(retryWithBackoff(settlingPolicy));
}

/** The pipeline under test: upload every file (16 at a time), then commit once. */
const loadAndCommit = (
  branch: Branch,
  files: readonly { path: string; data: Buffer }[],
  message: string,
): Observable<Commit> =>
  from(files).pipe(
    mergeMap((file) => branch.object(file.path).upload(file.data).pipe(uploadRetry), 16),
    toArray(),
    concatMap(() => commitExactlyOnce(branch, message)),
  );

const COMMITS = on('POST', /\/branches\/[^/]+\/commits$/);

describe('an upload-then-commit pipeline under injected faults', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(() => target.close());

  /** Runs the pipeline for `count` objects under 10 % seeded faults and checks everything landed once. */
  async function pipelineUnderFaults(
    client: TestTarget['lakefs'],
    server: LocalServer,
    count: number,
    presigned: boolean,
  ): Promise<void> {
    const repo = client.repository(target.repoId('faulty-pipeline'));
    await lastValueFrom(repo.create());
    const main = repo.branch('main');
    const files = Array.from({ length: count }, (_, i) => ({ path: pathOf(i), data: contentOf(i) }));
    const message = `load ${count} objects (${repo.id})`;

    const recording = recordRequests(server);
    server.faults.configure({
      rate: 0.1,
      seed: 20_260_901,
      kinds: ['unavailable', 'throttle', 'reset-before', 'reset-after', 'latency', 'truncate'],
      latencyMs: 20,
      match: (_m, p) => p.startsWith(`/api/v1/repositories/${repo.id}/`),
    });
    const commit = await lastValueFrom(loadAndCommit(main, files, message));
    server.faults.configure(undefined);
    recording.stop();

    // The faults really happened, at about the configured rate.
    expect(server.faults.history.length).toBeGreaterThan(count * 0.07);
    expect(new Set(server.faults.history.map((f) => f.kind)).size).toBe(6);
    // The data went where it should: through presigned URLs, or through the API.
    const dataPuts = recording.count(on('PUT', '/_presigned/'));
    if (presigned) expect(dataPuts).toBeGreaterThanOrEqual(count);
    else expect(dataPuts).toBe(0);
    // The server handled exactly one commit request, whatever was retried around it.
    expect(handledCount(server, recording, COMMITS)).toBe(1);

    // Exactly one commit on top of the initial one, and it is the head.
    const log = await all(main.log());
    expect(log.map((c) => c.message)).toEqual([message, 'Repository created']);
    expect(log[0]?.id).toBe(commit.id);
    expect(await all(main.uncommitted())).toEqual([]);

    // Exactly those objects, with their checksums and sizes, in the commit.
    const listed = (await all(repo.commit(commit.id).objects({ pageSize: 1000 }))) as ObjectInfo[];
    const expected = files
      .map((f) => ({ path: f.path, checksum: md5(f.data), sizeBytes: f.data.length }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(listed.map((o) => ({ path: o.path, checksum: o.checksum, sizeBytes: o.sizeBytes }))).toEqual(
      expected,
    );
    // And the bytes themselves, for a sample.
    for (let i = 0; i < count; i += 97) {
      const bytes = await lastValueFrom(repo.commit(commit.id).object(pathOf(i)).bytes());
      expect(md5(bytes)).toBe(md5(contentOf(i)));
    }
  }

  itLocal(
    `lands exactly ${OBJECTS} objects with their contents and one commit under 10 % seeded faults`,
    () => pipelineUnderFaults(target.lakefs, target.server!, OBJECTS, false),
    120_000,
  );

  // Faults hit the API requests of a presigned upload (staging address, link); the data PUT goes to the
  // presigned URL, outside /api/v1, where the local server injects no faults.
  itLocal(
    `lands exactly ${PRESIGNED_OBJECTS} presigned uploads and one commit under 10 % seeded faults`,
    async () => {
      const presigning = await startTarget({ presign: true });
      try {
        // presign asked for explicitly: under 'auto', objects this small go through lakeFS
        await pipelineUnderFaults(
          presigning.client({ presign: true }),
          presigning.server!,
          PRESIGNED_OBJECTS,
          true,
        );
      } finally {
        await presigning.close();
      }
    },
    120_000,
  );

  itLocal('reconciles a commit that failed without an answer instead of committing twice', async () => {
    const server = target.server!;
    const repo = target.lakefs.repository(target.repoId('reconcile'));
    await lastValueFrom(repo.create());
    const main = repo.branch('main');
    await lastValueFrom(main.object('a.txt').upload('a'));
    const recording = recordRequests(server);
    // Not handled, not handled, then handled but the answer is lost.
    server.faults.inject('reset-before', { match: COMMITS });
    server.faults.inject('unavailable', { match: COMMITS });
    server.faults.inject('reset-after', { match: COMMITS });
    const commit = await lastValueFrom(commitExactlyOnce(main, 'exactly once'));
    recording.stop();
    expect(recording.count(COMMITS)).toBe(3);
    expect(handledCount(server, recording, COMMITS)).toBe(1);
    const log = await all(main.log());
    expect(log.map((c) => c.message)).toEqual(['exactly once', 'Repository created']);
    expect(commit.id).toBe(log[0]?.id);
  });
});
