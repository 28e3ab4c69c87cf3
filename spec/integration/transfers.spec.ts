import { randomBytes } from 'node:crypto';
import { from, take, tap } from 'rxjs';
import {
  DeleteObjectsError,
  NotFoundError,
  ValidationError,
  type DownloadEvent,
  type Repository,
  type UploadEvent,
  type UploadItem,
  uploadAll,
} from '../../src';
import type { ServerRequestEvent } from '../../src/server';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, countRequests, md5, repoFixture, run } from './helpers/repoFixture';

const MiB = 1024 * 1024;

/** Checks a progress sequence: `loaded` rises strictly, ends at `size`, and one `done` closes it. */
function expectProgress(events: readonly (UploadEvent | DownloadEvent)[], size: number): void {
  const progress = events.slice(0, -1);
  expect(progress.length).toBeGreaterThan(1);
  let previous = 0;
  for (const event of progress) {
    if (event.type !== 'progress') throw new Error(`expected progress, got ${event.type}`);
    expect(event.loaded).toBeGreaterThan(previous);
    expect(event.total).toBe(size);
    previous = event.loaded;
  }
  expect(previous).toBe(size);
  expect(events[events.length - 1]!.type).toBe('done');
}

describe('transfers', () => {
  let target: TestTarget;
  let repo: Repository;
  beforeAll(async () => {
    target = await startTarget({ presign: true });
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    repo = await repos.create('transfers');
  });

  describe('progress', () => {
    const size = 20 * MiB;
    const data = randomBytes(size);

    it.each([
      ['through lakeFS', false],
      ['presigned', true],
    ])(
      'reports a 20 MiB upload and read %s: rising loaded, ending at the size, then done',
      async (_, presign) => {
        if (presign && !target.server) return; // the real lakeFS's local adapter cannot presign
        const obj = repo.branch('main').object(`progress/${presign ? 'presigned' : 'direct'}.bin`);
        const up = await all(obj.upload(data, { presign, reportProgress: true }));
        expectProgress(up, size);
        const done = up[up.length - 1] as Extract<UploadEvent, { type: 'done' }>;
        expect(done.object).toMatchObject({ sizeBytes: size, checksum: md5(data) });

        const down = await all(obj.read({ presign, reportProgress: true }));
        expectProgress(down, size);
        expect(down[down.length - 1]).toEqual({ type: 'done', loaded: size });
        const received = Buffer.concat(down.flatMap((e) => (e.type === 'progress' ? [e.chunk] : [])));
        expect(md5(received)).toBe(md5(data));
      },
    );
  });

  describe('deleteObjects', () => {
    const paths = Array.from({ length: 2500 }, (_, i) => `bulk/${String(i).padStart(4, '0')}`);

    itLocal('deletes 2,500 paths with 3 requests', async () => {
      const main = (await repos.create('bulk')).branch('main');
      await run(
        uploadAll(
          main,
          paths.filter((_, i) => i % 250 === 0).map((path) => ({ path, data: path })),
          { concurrency: 4 },
        ),
      );
      expect(await all(main.objects({ prefix: 'bulk/' }))).toHaveLength(10);
      const { requests } = await countRequests(target, () => run(main.deleteObjects(paths)));
      expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual(
        Array(3).fill(`POST /api/v1/repositories/${main.repositoryId}/branches/main/objects/delete`),
      );
      expect(await all(main.objects({ prefix: 'bulk/' }))).toEqual([]);
    });

    itLocal('lists the refused paths in DeleteObjectsError after sending every batch', async () => {
      const readOnly = await repos.create('bulk-ro', { readOnly: true });
      const { result: error, requests } = await countRequests(target, () =>
        run(readOnly.branch('main').deleteObjects(paths)).catch((e: unknown) => e),
      );
      expect(requests).toHaveLength(3);
      expect(error).toBeInstanceOf(DeleteObjectsError);
      const { failures, message } = error as DeleteObjectsError;
      expect(failures).toHaveLength(2500);
      expect(failures[0]).toEqual({ path: 'bulk/0000', statusCode: 403, message: 'read-only repository' });
      expect(failures.map((f) => f.path)).toEqual(paths);
      expect(message).toContain('bulk/0000 (403 read-only repository)');
    });
  });

  describe('uploadAll', () => {
    it('runs at most `concurrency` uploads at once and draws items only as slots free', async () => {
      const main = (await repos.create('upload-all')).branch('main');
      let drawn = 0;
      let started = 0;
      let finished = 0;
      let peak = 0;
      function* items(): Generator<UploadItem> {
        for (let i = 0; i < 12; i++) {
          drawn += 1;
          yield {
            path: `many/${String(i).padStart(2, '0')}`,
            data: () => {
              started += 1;
              peak = Math.max(peak, started - finished);
              return randomBytes(256 * 1024);
            },
          };
        }
      }
      const drawnAtCompletion: number[] = [];
      const infos = await all(
        uploadAll(main, items(), { concurrency: 3, contentType: 'application/x-part' }).pipe(
          tap(() => {
            finished += 1;
            drawnAtCompletion.push(drawn);
          }),
        ),
      );
      expect(infos).toHaveLength(12);
      expect(peak).toBe(3);
      // when the first upload finished, only the three running items had been drawn from the generator
      expect(drawnAtCompletion[0]).toBe(3);
      const listed = await all(main.objects({ prefix: 'many/' }));
      expect(listed.map((o) => o.path)).toEqual(infos.map((o) => o.path).sort());
      expect(listed.every((o) => o.type === 'object' && o.contentType === 'application/x-part')).toBe(true);
    });

    it('accepts an Observable of items', async () => {
      const main = repo.branch('main');
      const infos = await all(
        uploadAll(
          main,
          from(['a', 'b', 'c'].map((name) => ({ path: `from-observable/${name}`, data: name }))),
          { concurrency: 2 },
        ),
      );
      expect(infos.map((i) => i.path).sort()).toEqual([
        'from-observable/a',
        'from-observable/b',
        'from-observable/c',
      ]);
      expect(await run(main.object('from-observable/b').text())).toBe('b');
    });

    itLocal('rejects a bad concurrency before any request', async () => {
      const { result, requests } = await countRequests(target, () =>
        run(uploadAll(repo.branch('main'), [{ path: 'x', data: 'x' }], { concurrency: 0 })).catch(
          (e: unknown) => e,
        ),
      );
      expect(result).toBeInstanceOf(ValidationError);
      expect(requests).toHaveLength(0);
    });

    it('fails with the first failing upload', async () => {
      await expect(
        run(
          uploadAll(repo.branch('no-such-branch'), [
            { path: 'x', data: 'x' },
            { path: 'y', data: 'y' },
          ]),
        ),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('cancellation', () => {
    /** Resolves with the first 'aborted' request whose URL matches. */
    const abortedMatching = (pattern: RegExp): Promise<ServerRequestEvent> =>
      new Promise((resolve) => {
        const listener = (event: ServerRequestEvent): void => {
          if (!pattern.test(event.url)) return;
          target.server!.events.off('aborted', listener);
          resolve(event);
        };
        target.server!.events.on('aborted', listener);
      });

    function endless(): { source: AsyncIterable<Uint8Array>; closed: () => boolean } {
      let closed = false;
      async function* generate(): AsyncGenerator<Uint8Array> {
        try {
          for (;;) yield new Uint8Array(256 * 1024);
        } finally {
          closed = true;
        }
      }
      return { source: generate(), closed: () => closed };
    }

    /** Starts an upload of an endless stream and unsubscribes once 4 MiB were sent. */
    async function abandonUpload(presign: boolean, path: string): Promise<() => boolean> {
      const { source, closed } = endless();
      await new Promise<void>((done) => {
        const sub = repo
          .branch('main')
          .object(path)
          .upload(source, { presign, reportProgress: true })
          .subscribe({
            next: (e) => {
              if (e.type === 'progress' && e.loaded >= 4 * MiB) {
                sub.unsubscribe();
                done();
              }
            },
            error: () => done(),
          });
      });
      return closed;
    }

    it.each([
      ['the lakeFS upload request', false, /\/api\/v1\/.*\/branches\/main\/objects\?/],
      ['the presigned PUT', true, /^\/_presigned\//],
    ])('unsubscribing an upload mid-transfer aborts %s and stops the source', async (_, presign, url) => {
      if (!target.server) return;
      const path = `abort/upload-${presign ? 'presigned' : 'direct'}.bin`;
      const aborted = abortedMatching(url);
      const closed = await abandonUpload(presign, path);
      await aborted;
      await new Promise<void>((ok) => setImmediate(ok));
      expect(closed()).toBe(true);
      expect(await run(repo.branch('main').object(path).exists())).toBe(false);
    });

    it.each([
      ['the lakeFS read request', false, /\/api\/v1\/.*\/refs\/main\/objects\?/],
      ['the presigned GET', true, /^\/_presigned\//],
    ])('unsubscribing a read mid-transfer aborts %s', async (_, presign, url) => {
      if (!target.server) return;
      const obj = repo.branch('main').object(`abort/read-${presign ? 'presigned' : 'direct'}.bin`);
      await run(obj.upload(randomBytes(16 * MiB), { presign: false }));
      const aborted = abortedMatching(url);
      const first = await run(obj.read({ presign }).pipe(take(1)));
      expect(first.byteLength).toBeGreaterThan(0);
      await aborted;
    });

    itLocal('unsubscribing a presigned upload while lakeFS links it aborts the link request', async () => {
      const server = target.server!;
      const link = /\/staging\/backing$/;
      server.faults.inject('hang', { match: (method, path) => method === 'PUT' && link.test(path) });
      const aborted = abortedMatching(/\/staging\/backing\?/);
      const arrived = new Promise<void>((ok) => {
        const listener = (event: ServerRequestEvent): void => {
          if (event.method !== 'PUT' || !/\/staging\/backing\?/.test(event.url)) return;
          server.events.off('request', listener);
          ok();
        };
        server.events.on('request', listener);
      });
      const sub = repo
        .branch('main')
        .object('abort/link.bin')
        .upload('linked?', { presign: true })
        .subscribe();
      await arrived;
      sub.unsubscribe();
      expect((await aborted).method).toBe('PUT');
      expect(await run(repo.branch('main').object('abort/link.bin').exists())).toBe(false);
    });
  });
});
