import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreWorkEvent } from '../../../src/server/store/storeWork';
import { againstRealLakeFS, itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';

/** Distinct files on disk; every import source maps all of them under its own prefix. */
const FILES = 500;
/** Import sources: FILES × SOURCES entries in one import (100,000). */
const SOURCES = 200;
const ENTRIES = FILES * SOURCES;

/**
 * A commit, merge or import of 100,000 entries is long work; the server must keep answering other
 * requests meanwhile. Each check waits for the server's `work` event saying the operation has started
 * and paused for the event loop, then sends a health probe and a stat on another branch, and asserts
 * on the order of events: both probes are answered before the operation finishes. No timing is assumed.
 */
// local server only: it observes the server's own events (and creates repositories it never deletes)
(againstRealLakeFS ? describe.skip : describe)(
  'large commits, merges and imports do not stop the server',
  () => {
    let target: TestTarget;
    let root: string;
    let repo: string;
    let auth: string;

    const api = async (method: string, path: string, json?: unknown): Promise<Response> =>
      fetch(`${target.endpoint}/api/v1${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: json !== undefined ? JSON.stringify(json) : undefined,
      });

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'lakefs-rx-large-'));
      mkdirSync(join(root, 'src'));
      for (let i = 0; i < FILES; i++) writeFileSync(join(root, 'src', `f${i}`), `file ${i}`);
      target = await startTarget({ importRoots: [root] });
      auth = `Basic ${Buffer.from(`${target.credentials.accessKeyId}:${target.credentials.secretAccessKey}`).toString('base64')}`;
      repo = target.repoId('large');
      const created = await api('POST', '/repositories', {
        name: repo,
        storage_namespace: `local://tests/${repo}`,
      });
      expect(created.status).toBe(201);
      const small = await api('POST', `/repositories/${repo}/branches`, { name: 'other', source: 'main' });
      expect(small.status).toBe(201);
      const put = await fetch(
        `${target.endpoint}/api/v1/repositories/${repo}/branches/other/objects?path=x`,
        {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/octet-stream' },
          body: 'x',
        },
      );
      expect(put.status).toBe(201);
      expect(
        (await api('POST', `/repositories/${repo}/branches/other/commits`, { message: 'x' })).status,
      ).toBe(201);
      expect(
        (await api('POST', `/repositories/${repo}/branches`, { name: 'big', source: 'main' })).status,
      ).toBe(201);
    });

    afterAll(async () => {
      await target?.close();
      rmSync(root, { recursive: true, force: true });
    });

    /** Runs `start` and, once the server reports `operation` under way, two probes; returns the order. */
    async function probeDuring(
      operation: StoreWorkEvent['operation'],
      start: () => Promise<unknown>,
      meanwhile: () => Promise<unknown> = async () => undefined,
    ) {
      const events = target.server!.events;
      const order: string[] = [];
      let onWork: (e: StoreWorkEvent) => void = () => undefined;
      const underWay = new Promise<void>((resolve) => {
        onWork = (e) => {
          if (e.operation !== operation || e.repository !== repo) return;
          if (e.phase === 'finished') order.push(`${operation} finished`);
          // finishing without ever pausing resolves too, and fails the order check below
          resolve();
        };
        events.on('work', onWork);
      });
      try {
        const answered = start();
        await underWay;
        const probes = await Promise.all([
          api('GET', '/healthcheck').then((r) => (order.push('health answered'), r.status)),
          api('GET', `/repositories/${repo}/refs/other/objects/stat?path=x`).then(
            (r) => (order.push('stat answered'), r.status),
          ),
        ]);
        expect(probes).toEqual([204, 200]);
        const also = meanwhile();
        const result = await answered;
        await also;
        // the probes were answered while the operation was still running
        expect(order.slice(0, 2).sort()).toEqual(['health answered', 'stat answered']);
        expect(order).toContain(`${operation} finished`);
        return result;
      } finally {
        events.off('work', onWork);
      }
    }

    itLocal('import, merge and commit of 100,000 entries each let other requests through', async () => {
      // an import of 100,000 entries: its commit runs while probes are answered
      const importCommit = await probeDuring('import', async () => {
        const started = await api('POST', `/repositories/${repo}/branches/big/import`, {
          paths: Array.from({ length: SOURCES }, (_, s) => ({
            type: 'common_prefix',
            path: `local://${join(root, 'src')}/`,
            destination: `s${s}/`,
          })),
          commit: { message: 'import' },
        });
        expect(started.status).toBe(202);
        const { id } = (await started.json()) as { id: string };
        for (;;) {
          const status = (await (
            await api('GET', `/repositories/${repo}/branches/big/import?id=${id}`)
          ).json()) as {
            completed: boolean;
            error?: { message: string };
            ingested_objects: number;
          };
          if (status.error) throw new Error(status.error.message);
          if (status.completed) return status;
          await new Promise((r) => setImmediate(r));
        }
      });
      expect(importCommit).toMatchObject({ completed: true, ingested_objects: ENTRIES });

      // a merge of those 100,000 entries into main, which changed too (a real three-way merge)
      const put = await fetch(`${target.endpoint}/api/v1/repositories/${repo}/branches/main/objects?path=m`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/octet-stream' },
        body: 'm',
      });
      expect(put.status).toBe(201);
      expect(
        (await api('POST', `/repositories/${repo}/branches/main/commits`, { message: 'm' })).status,
      ).toBe(201);
      const merged = (await probeDuring('merge', () =>
        api('POST', `/repositories/${repo}/refs/big/merge/main`, {}),
      )) as Response;
      expect(merged.status).toBe(200);

      // 100,000 staged tombstones on big, then their commit
      for (let s = 0; s < SOURCES; s++) {
        const removed = await api('POST', `/repositories/${repo}/branches/big/objects/delete`, {
          paths: Array.from({ length: FILES }, (_, i) => `s${s}/f${i}`),
        });
        expect(removed.status).toBe(200);
      }
      // while the commit runs: a write to the branch, then a second commit (lakeFS seals the staging area
      // at commit start, and answers a second commit after the first)
      const order: string[] = [];
      let second: Promise<Response> | undefined;
      const committed = (await probeDuring(
        'commit',
        () =>
          api('POST', `/repositories/${repo}/branches/big/commits`, { message: 'remove all' }).then((r) => {
            order.push('first commit');
            return r;
          }),
        async () => {
          const late = await fetch(
            `${target.endpoint}/api/v1/repositories/${repo}/branches/big/objects?path=late`,
            {
              method: 'POST',
              headers: { authorization: auth, 'content-type': 'application/octet-stream' },
              body: 'late',
            },
          );
          expect(late.status).toBe(201);
          second = api('POST', `/repositories/${repo}/branches/big/commits`, { message: 'late' }).then(
            (r) => {
              order.push('second commit');
              return r;
            },
          );
        },
      )) as Response;
      expect(committed.status).toBe(201);
      const secondCommit = await (second as Promise<Response>);
      expect(secondCommit.status).toBe(201);
      expect(order).toEqual(['first commit', 'second commit']);
      const firstId = ((await committed.json()) as { id: string }).id;
      const secondBody = (await secondCommit.json()) as { id: string; parents: string[] };
      expect(secondBody.parents).toEqual([firstId]);
      // the write made during the first commit is in the second only
      expect((await api('GET', `/repositories/${repo}/refs/${firstId}/objects/stat?path=late`)).status).toBe(
        404,
      );
      expect(
        (await api('GET', `/repositories/${repo}/refs/${secondBody.id}/objects/stat?path=late`)).status,
      ).toBe(200);
      const listed = await api('GET', `/repositories/${repo}/refs/big/objects/ls?amount=2`);
      expect(((await listed.json()) as { results: { path: string }[] }).results.map((o) => o.path)).toEqual([
        'late',
      ]);
      const kept = await api(
        'GET',
        `/repositories/${repo}/refs/main/objects/ls?amount=1&prefix=s${SOURCES - 1}/`,
      );
      expect(((await kept.json()) as { results: unknown[] }).results).toHaveLength(1);
    });
  },
);
