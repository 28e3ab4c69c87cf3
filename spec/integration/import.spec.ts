import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { count, first, firstValueFrom, lastValueFrom } from 'rxjs';
import {
  ForbiddenError,
  ImportManagerError,
  type ImportStatus,
  NotFoundError,
  type Repository,
  pollUntilDone,
} from '../../src';
import type { ServerRequestEvent } from '../../src/server';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, md5, repoFixture, run, sameBytes } from './helpers/repoFixture';

const FILES = 10_000;

/** A file of the generated tree: its key relative to `big/` and its content. */
const content = (i: number): Buffer => Buffer.concat([Buffer.from(`file ${i}\n`), randomBytes(i % 64)]);
const relativeKey = (i: number): string => `part-${String(i % 100).padStart(3, '0')}/f-${i}.bin`;

/** Waits (by polling) until the server reports import `id` as stopped, and returns that status. */
const stoppedStatus = (repo: Repository, branch: string, id: string): Promise<ImportStatus> =>
  lastValueFrom(
    pollUntilDone(() => repo.branch(branch).importStatus(id), {
      isDone: (s) => s.completed || s.error !== undefined,
      intervalMs: 10,
    }),
  );

describe('imports', () => {
  let target: TestTarget;
  let root: string;
  let outside: string;
  const contents = new Map<number, Buffer>();
  const repos = repoFixture(() => target);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-import-'));
    outside = mkdtempSync(join(tmpdir(), 'lakefs-rx-outside-'));
    for (let d = 0; d < 100; d++)
      mkdirSync(join(root, 'big', `part-${String(d).padStart(3, '0')}`), { recursive: true });
    for (let i = 0; i < FILES; i++) {
      const data = content(i);
      if (i % 199 === 0) contents.set(i, data);
      writeFileSync(join(root, 'big', relativeKey(i)), data);
    }
    writeFileSync(join(root, 'big', '.hidden-file'), 'not imported');
    mkdirSync(join(root, 'big', '.hidden-dir'));
    writeFileSync(join(root, 'big', '.hidden-dir', 'x.txt'), 'not imported');
    mkdirSync(join(root, 'small', 'sub'), { recursive: true });
    writeFileSync(join(root, 'small', 'a.csv'), 'id\n1\n');
    writeFileSync(join(root, 'small', 'sub', 'b.csv'), 'id\n2\n');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(outside, join(root, 'escape'));
    target = await startTarget({ importRoots: [root] });
  }, 120_000);

  afterAll(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  itLocal(
    `imports ${FILES} files with rising progress ticks into one commit holding every file`,
    async () => {
      const repo = await repos.create('import-big');
      const main = repo.branch('main');
      const before = await run(main.getCommit());
      const ticks = await all(
        main
          .importData({ commitMessage: 'import big', metadata: { source: 'generated' } })
          .prefix(`local://${root}/big/`, 'big/')
          .run({ pollIntervalMs: 10 }),
      );

      const final = ticks[ticks.length - 1]!;
      expect(final.completed).toBe(true);
      expect(final.ingestedObjects).toBe(FILES);
      const progress = ticks.filter((t) => !t.completed && t.ingestedObjects > 0);
      expect(progress.length).toBeGreaterThanOrEqual(3);
      const counts = ticks.map((t) => t.ingestedObjects);
      expect(new Set(counts).size).toBeGreaterThanOrEqual(3);
      expect([...counts].sort((a, b) => a - b)).toEqual(counts);
      for (let i = 1; i < ticks.length; i++)
        expect(ticks[i]!.updateTime.getTime()).toBeGreaterThan(ticks[i - 1]!.updateTime.getTime());

      const commit = final.commit!;
      expect(commit.message).toBe('import big');
      expect(commit.metadata).toMatchObject({ source: 'generated', '.lakefs.merge.strategy': 'source-wins' });
      expect(commit.parents).toEqual([before.id]);
      expect((await run(main.getCommit())).id).toBe(commit.id);
      expect(await run(main.log({ maxAmount: 2 }).pipe(count()))).toBe(2);

      const listed = await run(main.objects({ prefix: 'big/' }).pipe(count()));
      expect(listed).toBe(FILES);
      for (const [i, data] of contents) {
        const path = `big/${relativeKey(i)}`;
        const stored = await run(repo.commit(commit.id).object(path).bytes());
        expect(sameBytes(stored, data)).toBe(true);
        const stat = await run(main.object(path).stat());
        expect(stat.checksum).toBe(md5(data));
        expect(stat.sizeBytes).toBe(data.length);
        expect(stat.physicalAddress).toBe(`local://${join(root, 'big', relativeKey(i))}`);
      }
      expect(await run(main.object('big/.hidden-file').exists())).toBe(false);
      expect(await run(main.objects({ prefix: 'big/.hidden' }).pipe(count()))).toBe(0);
    },
    120_000,
  );

  itLocal('imports single objects and replaces everything under each raw destination', async () => {
    const repo = await repos.create('import-replace');
    const main = repo.branch('main');
    await run(main.object('coll/old.txt').upload('old'));
    await run(main.object('collection/other.txt').upload('other'));
    await run(main.object('keep/me.txt').upload('kept'));
    await run(main.commit('seed'));
    const final = await run(
      main
        .importData()
        .object(`local://${root}/small/a.csv`, 'coll')
        .prefix(`local://${root}/small`, 'tables')
        .run({ pollIntervalMs: 10 }),
    );
    expect(final.commit?.message).toBe('Import objects');
    const paths = (await all(main.objects())).map((o) => o.path);
    expect(paths).toEqual(['coll', 'keep/me.txt', 'tables/a.csv', 'tables/sub/b.csv']);
    expect(await run(main.object('tables/sub/b.csv').text())).toBe(
      readFileSync(join(root, 'small', 'sub', 'b.csv'), 'utf8'),
    );
    expect(await run(main.object('coll').text())).toBe('id\n1\n');
  });

  itLocal(
    'fails with ImportManagerError for a missing or disallowed source',
    async () => {
      const repo = await repos.create('import-bad');
      const main = repo.branch('main');
      const head = (await run(main.getCommit())).id;
      const failure = (uri: string): Promise<unknown> =>
        run(main.importData().prefix(uri, 'x/').run({ pollIntervalMs: 10 })).then(
          () => undefined,
          (error: unknown) => error,
        );

      const missing = await failure(`local://${root}/does-not-exist/`);
      expect(missing).toBeInstanceOf(ImportManagerError);
      expect((missing as ImportManagerError).importId).toMatch(/^[0-9a-v]{20}$/);
      expect((missing as Error).message).toMatch(/no such file or directory/);

      for (const uri of [
        `local://${outside}/`,
        `local://${root}/../${outside.split('/').pop()}/`,
        `local://${root}/escape/`,
        'local://relative/path',
      ]) {
        const error = await failure(uri);
        expect(error).toBeInstanceOf(ImportManagerError);
        expect((error as Error).message).toMatch(/forbidden/);
      }
      expect((await run(main.getCommit())).id).toBe(head);
    },
    60_000,
  );

  itLocal('reports a dirty branch through ImportManagerError and commits nothing', async () => {
    const repo = await repos.create('import-dirty');
    const main = repo.branch('main');
    await run(main.object('staged.txt').upload('staged'));
    const error = await run(
      main.importData().prefix(`local://${root}/small/`, 'x/').run({ pollIntervalMs: 10 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportManagerError);
    expect((error as Error).message).toMatch(/merge import: uncommitted changes \(dirty branch\)/);
  });

  itLocal(
    'cancels the import when run() is unsubscribed half-way: no commit, server reports it stopped',
    async () => {
      const repo = await repos.create('import-cancel');
      const main = repo.branch('main');
      const head = (await run(main.getCommit())).id;
      const manager = main
        .importData({ commitMessage: 'never lands' })
        .prefix(`local://${root}/big/`, 'big/');
      const cancels: ServerRequestEvent[] = [];
      const record = (e: ServerRequestEvent): void => {
        if (e.method === 'DELETE' && e.url.includes('/import')) cancels.push(e);
      };
      target.server!.events.on('request', record);
      try {
        // first() unsubscribes from run() right after the first tick that shows progress
        const tick = await firstValueFrom(
          manager.run({ pollIntervalMs: 10 }).pipe(first((s) => s.ingestedObjects > 0)),
        );
        expect(tick.completed).toBe(false);
        expect(tick.ingestedObjects).toBeLessThan(FILES);
        const stopped = await stoppedStatus(repo, 'main', manager.importId!);
        expect(stopped).toMatchObject({ completed: false, error: 'Canceled' });
        expect(stopped.commit).toBeUndefined();
        expect(await run(manager.status())).toMatchObject({ completed: false, error: 'Canceled' });
      } finally {
        target.server!.events.off('request', record);
      }
      expect(cancels).toHaveLength(1);
      expect((await run(main.getCommit())).id).toBe(head);
      expect(await run(main.objects({ prefix: 'big/' }).pipe(count()))).toBe(0);
    },
    60_000,
  );

  itLocal(
    'lets two watchImport() subscribers share one poll request per interval',
    async () => {
      const repo = await repos.create('import-watch');
      const main = repo.branch('main');
      const id = await run(main.importData().prefix(`local://${root}/big/`, 'big/').start());
      const interval = 50;
      const statusRequests: { at: number; event: ServerRequestEvent }[] = [];
      const record = (event: ServerRequestEvent): void => {
        if (event.url.includes('/import')) statusRequests.push({ at: performance.now(), event });
      };
      target.server!.events.on('request', record);
      let first: ImportStatus[];
      let second: ImportStatus[];
      try {
        const watch = main.watchImport(id, { pollIntervalMs: interval });
        [first, second] = await Promise.all([
          all(watch),
          all(main.watchImport(id, { pollIntervalMs: interval })),
        ]);
      } finally {
        target.server!.events.off('request', record);
      }
      expect(first.length).toBeGreaterThanOrEqual(2);
      expect(second).toEqual(first);
      expect(first[first.length - 1]!.completed).toBe(true);
      expect(statusRequests.every((r) => r.event.method === 'GET')).toBe(true);
      // one loop: consecutive status requests are at least one interval apart (never two per interval)
      for (let i = 1; i < statusRequests.length; i++)
        expect(statusRequests[i]!.at - statusRequests[i - 1]!.at).toBeGreaterThanOrEqual(interval - 5);

      // once the import is done, two subscribers of a fresh watch cost exactly one request
      statusRequests.length = 0;
      target.server!.events.on('request', record);
      try {
        const watch = main.watchImport(id, { pollIntervalMs: interval });
        const [a, b] = await Promise.all([all(watch), all(watch)]);
        expect(a).toEqual(b);
        expect(a).toHaveLength(1);
      } finally {
        target.server!.events.off('request', record);
      }
      expect(statusRequests).toHaveLength(1);
    },
    120_000,
  );

  itLocal('answers 404 for an unknown import id and 409 when cancelling a completed import', async () => {
    const repo = await repos.create('import-ids');
    const main = repo.branch('main');
    await expect(run(main.importStatus('aaaaaaaaaaaaaaaaaaaa'))).rejects.toBeInstanceOf(NotFoundError);
    const manager = main.importData().object(`local://${root}/small/a.csv`, 'a.csv');
    const final = await run(manager.run({ pollIntervalMs: 10 }));
    expect(final.completed).toBe(true);
    await expect(run(manager.cancel())).rejects.toMatchObject({ status: 409 });
  });

  itLocal('validates import requests before authenticating them, as lakeFS does', async () => {
    const url = `${target.endpoint}/api/v1/repositories/any-repo/branches/main/import`;
    const post = (body: unknown): Promise<Response> =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ commit: { message: '' } })).status).toBe(400);
    expect(
      (
        await post({
          paths: [{ type: 'nope', path: 'local:///x', destination: '' }],
          commit: { message: '' },
        })
      ).status,
    ).toBe(400);
    expect((await post({ paths: [], commit: { message: '' } })).status).toBe(401);
    expect((await fetch(url)).status).toBe(400);
  });

  it('refuses to start when the server has no import roots', async () => {
    const plain = await startTarget();
    try {
      const repo = plain.lakefs.repository(plain.repoId('import-off'));
      await run(repo.create());
      const manager = repo.branch('main').importData().prefix('local:///tmp/', 'x/');
      if (plain.server) {
        await expect(run(manager.start())).rejects.toBeInstanceOf(ForbiddenError);
        const error = await run(manager.run()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportManagerError);
        expect((error as Error).cause).toBeInstanceOf(ForbiddenError);
      }
      await run(repo.delete());
    } finally {
      await plain.close();
    }
  });
});
