import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Observable, lastValueFrom } from 'rxjs';
import {
  InternalServerError,
  type LakeFS,
  NetworkError,
  OutcomeUnknownError,
  PreconditionFailedError,
  type Repository,
  TooManyRequestsError,
} from '../../../src';
import type { FaultKind, FaultMatcher } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, failureOf, on, recordRequests } from './support';

/** A non-idempotent operation, prepared on a fresh repository, and the request it sends. */
interface Case {
  readonly name: string;
  readonly match: (repo: string) => FaultMatcher;
  /** Prepares the repository and returns the operation (not yet subscribed). */
  prepare(repo: Repository, client: LakeFS, importRoot: string): Promise<Observable<unknown>>;
}

const branchPath = (repo: string, rest: string): RegExp =>
  new RegExp(`^/api/v1/repositories/${repo}/branches/[^/]+${rest}$`);

/** A repository whose `main` has a commit, a staged change, and a branch `side` with its own commit. */
async function withHistory(repo: Repository): Promise<void> {
  const main = repo.branch('main');
  await lastValueFrom(main.object('base.txt').upload('base'));
  await lastValueFrom(main.commit('base'));
  const side = repo.branch('side');
  await lastValueFrom(side.create(main));
  await lastValueFrom(side.object('side.txt').upload('side'));
  await lastValueFrom(side.commit('side work'));
}

const CASES: readonly Case[] = [
  {
    name: 'branch.commit()',
    match: (r) => on('POST', branchPath(r, '/commits')),
    prepare: async (repo, client) => {
      await lastValueFrom(repo.branch('main').object('a.txt').upload('a'));
      return client.repository(repo.id).branch('main').commit('once');
    },
  },
  {
    name: 'ref.mergeInto()',
    match: (r) => on('POST', new RegExp(`^/api/v1/repositories/${r}/refs/[^/]+/merge/[^/]+$`)),
    prepare: async (repo, client) => {
      await withHistory(repo);
      return client.repository(repo.id).branch('side').mergeInto('main');
    },
  },
  {
    name: 'branch.revert()',
    match: (r) => on('POST', branchPath(r, '/revert')),
    prepare: async (repo, client) => {
      await withHistory(repo);
      return client.repository(repo.id).branch('main').revert('main');
    },
  },
  {
    name: 'branch.cherryPick()',
    match: (r) => on('POST', branchPath(r, '/cherry-pick')),
    prepare: async (repo, client) => {
      await withHistory(repo);
      return client.repository(repo.id).branch('main').cherryPick('side');
    },
  },
  {
    name: 'branch.create()',
    match: (r) => on('POST', `/api/v1/repositories/${r}/branches`),
    prepare: (repo, client) => Promise.resolve(client.repository(repo.id).branch('new').create('main')),
  },
  {
    name: 'tag.create()',
    match: (r) => on('POST', `/api/v1/repositories/${r}/tags`),
    prepare: (repo, client) => Promise.resolve(client.repository(repo.id).tag('v1').create('main')),
  },
  {
    // a one-shot stream cannot be sent twice (a string, bytes or a Blob is: see proxyFaults.spec.ts)
    name: 'object.upload() of a one-shot stream',
    match: (r) => on('POST', branchPath(r, '/objects')),
    prepare: (repo, client) =>
      Promise.resolve(
        client
          .repository(repo.id)
          .branch('main')
          .object('u.txt')
          .upload(
            (async function* () {
              yield new TextEncoder().encode('u');
            })(),
          ),
      ),
  },
  {
    name: 'importData().start()',
    match: (r) => on('POST', branchPath(r, '/import')),
    prepare: (repo, client, root) =>
      Promise.resolve(
        client.repository(repo.id).branch('main').importData().prefix(`local://${root}/`, 'in/').start(),
      ),
  },
];

/** The error each fault must surface as (the request is not repeated, so the first failure is final). */
const EXPECTED: readonly [FaultKind, new (...args: never[]) => Error][] = [
  ['unavailable', InternalServerError],
  ['throttle', TooManyRequestsError],
  ['reset-before', NetworkError],
  ['reset-after', NetworkError],
  ['truncate', NetworkError],
];

/**
 * Commits and merges settle a lost answer from the branch head: one the server handled (its answer reset
 * or cut off) is recognised and succeeds; one it never handled fails with `OutcomeUnknownError`, which
 * says how to check. Either way the request is sent once.
 */
const SETTLED = new Set(['branch.commit()', 'ref.mergeInto()']);
const SETTLED_EXPECTED: Partial<Record<FaultKind, (new (...args: never[]) => Error) | undefined>> = {
  'reset-before': OutcomeUnknownError,
  'reset-after': undefined,
  truncate: undefined,
};

describe('the library never sends a non-idempotent request twice', () => {
  let target: TestTarget;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-noresend-'));
    writeFileSync(join(root, 'f.txt'), 'f');
    target = await startTarget({ importRoots: [root] });
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
  });

  for (const c of CASES) {
    for (const [kind, plain] of EXPECTED) {
      const errorClass = SETTLED.has(c.name) && kind in SETTLED_EXPECTED ? SETTLED_EXPECTED[kind] : plain;
      itLocal(
        `${c.name} answered with '${kind}' is sent once and ${errorClass ? `fails with ${errorClass.name}` : 'is settled as done'}`,
        async () => {
          const server = target.server!;
          const repo = target.lakefs.repository(target.repoId('noresend'));
          await lastValueFrom(repo.create());
          // Retries enabled and generous: only the request's idempotency keeps it from being repeated.
          const client = target.client({ retry: { maxAttempts: 5, baseDelayMs: 1 } });
          const operation = await c.prepare(repo, client, root);
          const match = c.match(repo.id);
          const recording = recordRequests(server);
          server.faults.inject(kind, { match });
          const error = await failureOf(operation);
          recording.stop();
          if (errorClass) expect(error).toBeInstanceOf(errorClass);
          else expect(error).toBeUndefined();
          expect(recording.count(match)).toBe(1);
        },
      );
    }
  }

  itLocal('a commit whose answer was lost happened exactly once on the server', async () => {
    const repo = target.lakefs.repository(target.repoId('lost-answer'));
    await lastValueFrom(repo.create());
    const main = repo.branch('main');
    await lastValueFrom(main.object('a.txt').upload('a'));
    target.server!.faults.inject('reset-after', { match: on('POST', branchPath(repo.id, '/commits')) });
    // settled from the branch head: the commit that happened is the result
    const commit = await lastValueFrom(main.commit('lost'));
    expect(commit.message).toBe('lost');
    expect((await all(main.log())).map((c) => c.message)).toEqual(['lost', 'Repository created']);
  });
});

describe('presigned uploads under faults', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget({ presign: true });
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(() => target.close());

  const link = (repo: string): FaultMatcher =>
    on('PUT', new RegExp(`^/api/v1/repositories/${repo}/branches/main/staging/backing$`));

  itLocal('a link whose answer was lost is retried and the upload succeeds', async () => {
    const repo = target.lakefs.repository(target.repoId('presign-link'));
    await lastValueFrom(repo.create());
    target.server!.faults.inject('reset-after', { match: link(repo.id) });
    const info = await lastValueFrom(
      repo.branch('main').object('p.txt').upload('presigned', { presign: true }),
    );
    expect(info.sizeBytes).toBe(9);
    expect(await lastValueFrom(repo.branch('main').object('p.txt').text())).toBe('presigned');
  });

  // A resent conditional link meets our own, already stored, object: the stat settles that it is ours.
  itLocal('an ifAbsent upload whose link answer was lost does not fail on its own retry', async () => {
    const repo = target.lakefs.repository(target.repoId('presign-ifabsent'));
    await lastValueFrom(repo.create());
    target.server!.faults.inject('reset-after', { match: link(repo.id) });
    const error = await failureOf(
      repo.branch('main').object('p.txt').upload('presigned', { presign: true, ifAbsent: true }),
    );
    // The object was linked by the first request; the retry must not turn that into a 412.
    expect(error).toBeUndefined();
    expect(await lastValueFrom(repo.branch('main').object('p.txt').text())).toBe('presigned');
  });

  itLocal(
    'a direct ifAbsent upload whose answer was lost succeeds, and still refuses another object',
    async () => {
      const repo = target.lakefs.repository(target.repoId('direct-ifabsent'));
      await lastValueFrom(repo.create());
      const main = repo.branch('main');
      const uploads = on('POST', new RegExp(`^/api/v1/repositories/${repo.id}/branches/main/objects$`));
      target.server!.faults.inject('reset-after', { match: uploads });
      const info = await lastValueFrom(
        main.object('d.txt').upload('direct', { presign: false, ifAbsent: true }),
      );
      expect(info.sizeBytes).toBe(6);
      // someone else's object at the path: the 412 stands, also after a lost answer
      target.server!.faults.inject('reset-after', { match: uploads });
      await lastValueFrom(main.object('e.txt').upload('theirs'));
      target.server!.faults.clear();
      await lastValueFrom(main.object('e.txt').upload('theirs'));
      const error = await failureOf(main.object('e.txt').upload('ours', { presign: false, ifAbsent: true }));
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(await lastValueFrom(main.object('e.txt').text())).toBe('theirs');
    },
  );
});
