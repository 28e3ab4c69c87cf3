import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { ImportManagerError, type ImportStatus, InternalServerError, type Repository } from '../../../src';
import type { FaultKind, LocalServer, ServerRequestEvent } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { failureOf } from './support';

const FILES = 3000;

/**
 * Faults for the n-th status request, cycling; `undefined` lets it through. Never more than three failures
 * in a row, so the transport's four attempts always get one request through.
 */
const CYCLE: readonly (FaultKind | undefined)[] = [
  'unavailable',
  'unavailable',
  'unavailable',
  undefined,
  'reset-before',
  'throttle',
  undefined,
  'truncate',
  'reset-after',
  'latency',
  undefined,
];

const isStatusRequest = (method: string, path: string): boolean =>
  method === 'GET' && /^\/api\/v1\/repositories\/[^/]+\/branches\/[^/]+\/import$/.test(path);

/** Makes the server fail status requests by the cycle above; returns a stop function. */
function faultStatusPolls(server: LocalServer): () => void {
  let seen = 0;
  const count = (e: ServerRequestEvent): void => {
    if (isStatusRequest(e.method, new URL(e.url, 'http://x').pathname)) seen += 1;
  };
  server.events.on('request', count);
  for (const kind of new Set(CYCLE)) {
    if (kind === undefined) continue;
    server.faults.inject(kind, {
      count: 100_000,
      latencyMs: 5,
      match: (m, p) => isStatusRequest(m, p) && CYCLE[(seen - 1) % CYCLE.length] === kind,
    });
  }
  return () => {
    server.events.off('request', count);
    server.faults.clear();
  };
}

describe('import status polling under transient failures', () => {
  let target: TestTarget;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-watch-faults-'));
    for (let d = 0; d < 10; d++) mkdirSync(join(root, `d${d}`));
    for (let i = 0; i < FILES; i++) writeFileSync(join(root, `d${i % 10}`, `f${i}.txt`), `file ${i}\n`);
    target = await startTarget({ importRoots: [root] });
  }, 60_000);
  afterEach(() => target.server?.faults.clear());
  afterAll(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function startImport(): Promise<{ repo: Repository; id: string }> {
    const repo = target.lakefs.repository(target.repoId('watch-faults'));
    await lastValueFrom(repo.create());
    const id = await lastValueFrom(
      repo.branch('main').importData({ commitMessage: 'import' }).prefix(`local://${root}/`, 'in/').start(),
    );
    return { repo, id };
  }

  const expectCompleted = (statuses: ImportStatus[]): void => {
    const last = statuses[statuses.length - 1];
    expect(last?.completed).toBe(true);
    expect(last?.ingestedObjects).toBe(FILES);
    expect(last?.commit?.message).toBe('import');
    expect(statuses.filter((s) => s.completed)).toHaveLength(1);
  };

  itLocal(
    'watchImport survives 503s, 429s, resets and truncated answers and reports completion',
    async () => {
      const { repo, id } = await startImport();
      const stop = faultStatusPolls(target.server!);
      try {
        const statuses = await lastValueFrom(
          repo.branch('main').watchImport(id, { pollIntervalMs: 2 }).pipe(toArray()),
        );
        const kinds = new Set(target.server!.faults.history.map((f) => f.kind));
        expect(kinds).toEqual(
          new Set(['unavailable', 'reset-before', 'throttle', 'truncate', 'reset-after', 'latency']),
        );
        expectCompleted(statuses);
        expect((await lastValueFrom(repo.branch('main').getCommit())).id).toBe(statuses.at(-1)?.commit?.id);
      } finally {
        stop();
      }
    },
  );

  itLocal('two watchers of one import share a poll loop that survives the same failures', async () => {
    const { repo, id } = await startImport();
    const stop = faultStatusPolls(target.server!);
    try {
      const watch = repo.branch('main').watchImport(id, { pollIntervalMs: 2 });
      const [a, b] = await Promise.all([
        lastValueFrom(watch.pipe(toArray())),
        lastValueFrom(repo.branch('main').watchImport(id, { pollIntervalMs: 2 }).pipe(toArray())),
      ]);
      expectCompleted(a);
      expectCompleted(b);
    } finally {
      stop();
    }
  });

  itLocal('importData().run() survives the same failures', async () => {
    const repo = target.lakefs.repository(target.repoId('run-faults'));
    await lastValueFrom(repo.create());
    const stop = faultStatusPolls(target.server!);
    try {
      const statuses = await lastValueFrom(
        repo
          .branch('main')
          .importData({ commitMessage: 'import' })
          .prefix(`local://${root}/`, 'in/')
          .run({ pollIntervalMs: 2 })
          .pipe(toArray()),
      );
      expectCompleted(statuses);
    } finally {
      stop();
    }
  });

  itLocal('a failure that outlasts the retry budget ends the watch with ImportManagerError', async () => {
    const { repo, id } = await startImport();
    target.server!.faults.inject('unavailable', { count: 100, match: isStatusRequest });
    const client = target.client({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await failureOf(
      client.repository(repo.id).branch('main').watchImport(id, { pollIntervalMs: 2 }),
    );
    expect(error).toBeInstanceOf(ImportManagerError);
    expect((error as ImportManagerError).importId).toBe(id);
    expect((error as ImportManagerError).cause).toBeInstanceOf(InternalServerError);
  });
});
