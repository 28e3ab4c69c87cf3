import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY, from, lastValueFrom, mergeMap, toArray } from 'rxjs';
import { type Branch, type Repository, pullMap, toAsyncIterable, uploadAll } from '../../src';
import type { ServerRequestEvent } from '../../src/server';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { repoFixture, run } from './helpers/repoFixture';

/** Counts, at the local server, the list and delete requests made on one branch. */
function requestCounter(target: TestTarget, repo: Repository, branch: string) {
  const base = `/api/v1/repositories/${repo.id}/`;
  const counts = { lists: 0, deletes: 0 };
  const listeners: ((e: ServerRequestEvent) => void)[] = [];
  const record = (e: ServerRequestEvent): void => {
    const path = e.url.split('?')[0]!;
    if (e.method === 'GET' && path === `${base}refs/${branch}/objects/ls`) counts.lists += 1;
    if (e.method === 'POST' && path === `${base}branches/${branch}/objects/delete`) counts.deletes += 1;
    for (const listener of listeners) listener(e);
  };
  target.server!.events.on('request', record);
  return {
    counts,
    /** Calls `listener` after each request was counted. */
    onRequest: (listener: (e: ServerRequestEvent) => void) => listeners.push(listener),
    stop: () => target.server!.events.off('request', record),
  };
}

describe('listings never run ahead of their consumer', () => {
  let target: TestTarget;
  const repos = repoFixture(() => target);
  let repo: Repository;
  let main: Branch;
  const PAGES = 200;
  const PAGE_SIZE = 2;
  beforeAll(async () => {
    target = await startTarget();
    if (target.server === undefined) return;
    repo = await repos.create('backpressure');
    main = repo.branch('main');
    const paths = Array.from({ length: PAGES * PAGE_SIZE }, (_, i) => `rows/${String(i).padStart(4, '0')}`);
    await lastValueFrom(
      from(paths).pipe(
        mergeMap((p) => main.object(p).upload(p), 8),
        toArray(),
      ),
    );
    await run(main.commit('rows'));
  });
  afterAll(() => target.close());

  itLocal('for await with a slow body over 200 pages keeps at most one page request ahead', async () => {
    const counter = requestCounter(target, repo, 'main');
    try {
      let rows = 0;
      let mostAhead = 0;
      for await (const row of toAsyncIterable(main.objects({ prefix: 'rows/', pageSize: PAGE_SIZE }))) {
        const page = Math.floor(rows / PAGE_SIZE) + 1;
        rows += 1;
        mostAhead = Math.max(mostAhead, counter.counts.lists - page);
        // the slow part: a real round trip per row
        expect(await run(main.object(row.path).exists())).toBe(true);
      }
      expect(rows).toBe(PAGES * PAGE_SIZE);
      expect(mostAhead).toBeLessThanOrEqual(1);
      expect(counter.counts.lists).toBe(PAGES);
    } finally {
      counter.stop();
    }
  });

  itLocal('pullMap over 200 pages asks for a page only when its work has caught up', async () => {
    const counter = requestCounter(target, repo, 'main');
    try {
      let started = 0;
      let mostAhead = 0;
      const concurrency = 3;
      const sizes = await lastValueFrom(
        main.objects({ prefix: 'rows/', pageSize: PAGE_SIZE }).pipe(
          pullMap((row) => {
            started += 1;
            // pages requested beyond the one the newest item came from
            mostAhead = Math.max(mostAhead, counter.counts.lists - Math.ceil(started / PAGE_SIZE));
            return row.type === 'object' ? main.object(row.path).stat() : EMPTY;
          }, concurrency),
          toArray(),
        ),
      );
      expect(sizes).toHaveLength(PAGES * PAGE_SIZE);
      expect(mostAhead).toBeLessThanOrEqual(1);
      expect(counter.counts.lists).toBe(PAGES);
    } finally {
      counter.stop();
    }
  });

  itLocal('uploadAll draws from an async iterable only as uploads finish', async () => {
    let drawn = 0;
    let finished = 0;
    let mostAhead = 0;
    const concurrency = 4;
    async function* items() {
      for (let i = 0; i < 40; i++) {
        drawn += 1;
        mostAhead = Math.max(mostAhead, drawn - finished);
        yield { path: `drawn/${i}`, data: `item ${i}` };
      }
    }
    const infos = await lastValueFrom(
      uploadAll(main, items(), { concurrency }).pipe(
        mergeMap((info) => {
          finished += 1;
          return [info];
        }),
        toArray(),
      ),
    );
    expect(infos).toHaveLength(40);
    expect(mostAhead).toBeLessThanOrEqual(concurrency);
  });
});

describe('deleteObjects(listing) on 100,000 objects', () => {
  let target: TestTarget;
  let root: string;
  const repos = repoFixture(() => target);
  const FILES = 100_000;
  const PAGE = 1000;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-delete-'));
    target = await startTarget({ importRoots: [root] });
    if (target.server === undefined) return;
    for (let d = 0; d < FILES / 100; d++) {
      const dir = join(root, 'big', `d${String(d).padStart(4, '0')}`);
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < 100; i++) writeFileSync(join(dir, `f${String(i).padStart(3, '0')}`), 'x');
    }
  }, 300_000);
  afterAll(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
  });

  itLocal(
    'holds at most two pages ahead of the delete requests, however slow they are',
    async () => {
      const repo = await repos.create('delete-100k');
      const big = repo.branch('main');
      await run(
        big
          .importData({ commitMessage: 'big' })
          .prefix(`local://${root}/big/`, 'big/')
          .run({ pollIntervalMs: 20 }),
      );
      const counter = requestCounter(target, repo, 'main');
      // slow deletes: a listing pushed ahead would fetch many pages while one delete is held
      target.server!.faults.inject('latency', {
        count: FILES / PAGE,
        latencyMs: 20,
        match: (method, path) => method === 'POST' && path.endsWith('/objects/delete'),
      });
      let mostPagesAhead = 0;
      counter.onRequest(() => {
        // listed items not yet sent for deletion, in pages; the delete being sent holds the newest batch
        mostPagesAhead = Math.max(mostPagesAhead, counter.counts.lists - counter.counts.deletes);
      });
      try {
        await lastValueFrom(big.deleteObjects(big.objects({ prefix: 'big/' })), { defaultValue: undefined });
      } finally {
        counter.stop();
        target.server!.faults.clear();
      }
      expect(counter.counts.deletes).toBe(FILES / PAGE);
      expect(counter.counts.lists).toBe(FILES / PAGE);
      expect(mostPagesAhead).toBeLessThanOrEqual(2);
      expect(await lastValueFrom(big.objects({ prefix: 'big/' }).pipe(toArray()))).toEqual([]);
    },
    300_000,
  );
});
