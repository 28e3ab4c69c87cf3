import { createHash } from 'node:crypto';
import { Observable, from, take } from 'rxjs';
import {
  InvalidRangeError,
  ObjectNotFoundError,
  PreconditionFailedError,
  ValidationError,
  type Branch,
  type Repository,
  type UploadData,
  type UploadEvent,
} from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, countRequests, md5, randomChunks, repoFixture, run, sameBytes } from './helpers/repoFixture';

const MiB = 1024 * 1024;

describe('objects', () => {
  let target: TestTarget;
  let repo: Repository;
  let main: Branch;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    repo = await repos.create('objects');
    main = repo.branch('main');
  });

  describe('upload sources', () => {
    // Every byte value, twice, plus a few invalid UTF-8 sequences: binary must survive untouched.
    const binary = Uint8Array.from({ length: 512 + 3 }, (_, i) =>
      i < 512 ? i % 256 : [0xc3, 0x28, 0xff][i - 512]!,
    );
    const parts = [binary.subarray(0, 100), binary.subarray(100, 101), binary.subarray(101)];
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (const p of parts) yield p;
    }
    const sources: [string, () => UploadData][] = [
      ['Uint8Array', () => binary],
      ['Blob', () => new Blob([binary])],
      ['ReadableStream', () => new Blob([binary]).stream()],
      ['AsyncIterable', () => generate()],
      ['Observable', () => from(parts)],
    ];

    it.each(sources)('round-trips a %s byte-identical', async (name, make) => {
      const obj = main.object(`sources/${name}.bin`);
      const info = await run(obj.upload(make()));
      expect(info).toMatchObject({ type: 'object', path: `sources/${name}.bin`, sizeBytes: binary.length });
      expect(info.checksum).toBe(md5(binary));
      expect(sameBytes(await run(obj.bytes()), binary)).toBe(true);
    });

    it('round-trips a string as UTF-8 and keeps the content type', async () => {
      const obj = main.object('sources/text.txt');
      const text = 'line one\nünïcödé ☃ 数据\n';
      const info = await run(obj.upload(text, { contentType: 'text/plain; charset=utf-8' }));
      expect(info.contentType).toBe('text/plain; charset=utf-8');
      expect(await run(obj.text())).toBe(text);
      expect((await run(obj.stat())).sizeBytes).toBe(Buffer.byteLength(text));
    });

    it('uploads an empty object', async () => {
      const obj = main.object('sources/empty');
      expect((await run(obj.upload(new Uint8Array(0)))).sizeBytes).toBe(0);
      expect(await run(obj.bytes())).toHaveLength(0);
    });

    it('streams a 50 MB generated stream and reads it back identical', async () => {
      const generated = randomChunks(50, MiB);
      const obj = main.object('sources/big.bin');
      const info = await run(obj.upload(generated.source));
      expect(info.sizeBytes).toBe(50 * MiB);
      expect(info.checksum).toBe(generated.md5());
      const hash = createHash('md5');
      let size = 0;
      await new Promise<void>((done, fail) =>
        obj.read().subscribe({
          next: (chunk) => {
            hash.update(chunk);
            size += chunk.byteLength;
          },
          error: fail,
          complete: done,
        }),
      );
      expect(size).toBe(50 * MiB);
      expect(hash.digest('hex')).toBe(generated.md5());
    });

    it('reports upload progress as bytes are sent, then done with the object', async () => {
      const data = new Uint8Array(MiB).fill(7);
      const events = await all(main.object('progress/up.bin').upload(data, { reportProgress: true }));
      const progress = events.filter(
        (e): e is Extract<UploadEvent, { type: 'progress' }> => e.type === 'progress',
      );
      const last = events[events.length - 1];
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.every((e) => e.total === MiB)).toBe(true);
      expect(progress.map((e) => e.loaded)).toEqual([...progress.map((e) => e.loaded)].sort((a, b) => a - b));
      expect(progress[progress.length - 1]!.loaded).toBe(MiB);
      expect(last).toMatchObject({ type: 'done', object: { path: 'progress/up.bin', sizeBytes: MiB } });
    });

    it('reports progress without total for a stream source', async () => {
      const generated = randomChunks(3, 100_000);
      const events = await all(
        main.object('progress/stream.bin').upload(generated.source, { reportProgress: true }),
      );
      expect(
        events.filter((e) => e.type === 'progress').map((e) => (e as { loaded: number }).loaded),
      ).toEqual([100_000, 200_000, 300_000]);
      expect(events.some((e) => 'total' in e)).toBe(false);
    });

    it('rejects unsupported data and header-unsafe metadata before any request', async () => {
      await expect(run(main.object('x').upload(42 as unknown as UploadData))).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(
        run(main.object('x').upload('a', { metadata: { 'bad key': 'v' } })),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(run(main.object('x').upload('a', { metadata: { k: 'ünï' } }))).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(run(main.object('').upload('a'))).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('ranged reads', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    beforeAll(() => run(main.object('range/data.bin').upload(data)));
    const obj = () => main.object('range/data.bin');

    it('reads from-to (inclusive), open-ended, suffix and raw forms', async () => {
      expect(
        sameBytes(await run(obj().bytes({ range: { start: 10, end: 19 } })), data.subarray(10, 20)),
      ).toBe(true);
      expect(sameBytes(await run(obj().bytes({ range: { start: 990 } })), data.subarray(990))).toBe(true);
      expect(sameBytes(await run(obj().bytes({ range: { last: 5 } })), data.subarray(995))).toBe(true);
      expect(sameBytes(await run(obj().bytes({ range: 'bytes=0-0' })), data.subarray(0, 1))).toBe(true);
    });

    it('clamps an end past the size', async () => {
      expect(
        sameBytes(await run(obj().bytes({ range: { start: 995, end: 5000 } })), data.subarray(995)),
      ).toBe(true);
    });

    it('fails with InvalidRangeError when the range cannot be satisfied', async () => {
      await expect(run(obj().bytes({ range: { start: 1000 } }))).rejects.toBeInstanceOf(InvalidRangeError);
      await expect(run(obj().bytes({ range: { start: 20, end: 10 } }))).rejects.toBeInstanceOf(
        InvalidRangeError,
      );
      await expect(run(obj().bytes({ range: 'bytes=0-1,5-6' }))).rejects.toBeInstanceOf(InvalidRangeError);
    });

    it('rejects a malformed range before sending it', async () => {
      await expect(run(obj().bytes({ range: { start: -1 } }))).rejects.toBeInstanceOf(ValidationError);
    });

    it('re-chunks with chunkSize', async () => {
      const chunks = await all(obj().read({ chunkSize: 300 }));
      expect(chunks.map((c) => c.byteLength)).toEqual([300, 300, 300, 100]);
    });

    it('reports download progress with the chunks, then done', async () => {
      const events = await all(obj().read({ reportProgress: true, range: { start: 100 } }));
      const last = events[events.length - 1];
      expect(last).toEqual({ type: 'done', loaded: 900 });
      const progress = events.slice(0, -1);
      expect(progress.every((e) => e.type === 'progress' && e.total === 900)).toBe(true);
      const received = Buffer.concat(
        progress.map((e) => (e.type === 'progress' ? e.chunk : new Uint8Array())),
      );
      expect(sameBytes(received, data.subarray(100))).toBe(true);
    });

    it('reads the body through readStream()', async () => {
      const reader = obj()
        .readStream({ range: { start: 0, end: 9 } })
        .getReader();
      const parts: Uint8Array[] = [];
      for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
      expect(sameBytes(Buffer.concat(parts), data.subarray(0, 10))).toBe(true);
    });
  });

  describe('stat, exists, delete', () => {
    it('reflects an object before and after delete', async () => {
      const obj = main.object('lifecycle/a.txt');
      expect(await run(obj.exists())).toBe(false);
      await expect(run(obj.stat())).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(run(obj.bytes())).rejects.toBeInstanceOf(ObjectNotFoundError);
      await run(obj.upload('hello'));
      expect(await run(obj.exists())).toBe(true);
      const info = await run(obj.stat());
      expect(info).toMatchObject({
        type: 'object',
        path: 'lifecycle/a.txt',
        sizeBytes: 5,
        checksum: md5('hello'),
        contentType: 'application/octet-stream',
        metadata: {},
      });
      expect(info.mtime).toBeInstanceOf(Date);
      await run(obj.delete());
      expect(await run(obj.exists())).toBe(false);
      await expect(run(obj.stat())).rejects.toBeInstanceOf(ObjectNotFoundError);
      // deleting a missing object is not an error, as in lakeFS
      await expect(run(obj.delete())).resolves.toBeUndefined();
    });

    it('fails the second ifAbsent upload with PreconditionFailedError', async () => {
      const obj = main.object('once/only.txt');
      await run(obj.upload('first', { ifAbsent: true }));
      await expect(run(obj.upload('second', { ifAbsent: true }))).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(await run(obj.text())).toBe('first');
    });

    it('parses JSON objects', async () => {
      const obj = main.object('conf/settings.json');
      await run(obj.upload(JSON.stringify({ a: [1, 2], b: 'ü' }), { contentType: 'application/json' }));
      expect(await run(obj.json<{ a: number[]; b: string }>())).toEqual({ a: [1, 2], b: 'ü' });
    });
  });

  describe('metadata and copy', () => {
    it('round-trips user metadata (keys lower-cased, as lakeFS stores them) and replaces it', async () => {
      const obj = main.object('meta/m.csv');
      const info = await run(
        obj.upload('a,b\n', { contentType: 'text/csv', metadata: { Owner: 'ada', 'x-y': 'z 1' } }),
      );
      expect(info.metadata).toEqual({ owner: 'ada', 'x-y': 'z 1' });
      expect((await run(obj.stat())).metadata).toEqual({ owner: 'ada', 'x-y': 'z 1' });
      await run(obj.updateMetadata({ note: 'ünïcödé' }));
      const after = await run(obj.stat());
      expect(after.metadata).toEqual({ note: 'ünïcödé' });
      expect(after.checksum).toBe(info.checksum);
      await expect(run(main.object('meta/missing').updateMetadata({ a: 'b' }))).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
    });

    it('copies data, content type and metadata to another branch and path', async () => {
      const src = main.object('copy/src.txt');
      await run(src.upload('copy me', { contentType: 'text/plain', metadata: { k: 'v' } }));
      const other = await run(repo.branch('copy-target').create('main'));
      const copied = await run(src.copy(other, 'elsewhere/dst.txt'));
      expect(copied).toMatchObject({
        path: 'elsewhere/dst.txt',
        contentType: 'text/plain',
        metadata: { k: 'v' },
      });
      expect(await run(other.object('elsewhere/dst.txt').text())).toBe('copy me');
      expect(await run(src.text())).toBe('copy me');
      await expect(run(main.object('copy/none').copy('main', 'x'))).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
    });
  });

  describe('paths', () => {
    const paths = [
      'unicode/ünïcödé 数据 🚀.txt',
      'spaces/a file name.txt',
      'query/what?x=1&y=2',
      'hash/#fragment#',
      'percent/100% sure %20 %zz',
      'plus/a+b+c',
      'mixed/ ?#%+ /end',
    ];

    it.each(paths)('uploads, stats, reads and lists %j', async (path) => {
      const obj = main.object(path);
      await run(obj.upload(`content of ${path}`));
      expect((await run(obj.stat())).path).toBe(path);
      expect(await run(obj.text())).toBe(`content of ${path}`);
      const listed = await all(main.objects({ prefix: path }));
      expect(listed.map((o) => o.path)).toEqual([path]);
      await run(obj.delete());
      expect(await run(obj.exists())).toBe(false);
    });
  });

  describe('listing', () => {
    let listRepo: Repository;
    beforeAll(async () => {
      listRepo = await repos.create('list');
      const b = listRepo.branch('main');
      for (const p of ['a/1', 'a/2', 'a/b/3', 'c/4', 'top', 'topaz/5']) await run(b.object(p).upload(p));
    });

    it('lists flat, sorted, with stats', async () => {
      const rows = await all(listRepo.branch('main').objects());
      expect(rows.map((r) => r.path)).toEqual(['a/1', 'a/2', 'a/b/3', 'c/4', 'top', 'topaz/5']);
      expect(rows.every((r) => r.type === 'object' && r.sizeBytes === r.path.length)).toBe(true);
    });

    it('groups common prefixes with a delimiter', async () => {
      const main = listRepo.branch('main');
      const top = await all(main.objects({ delimiter: '/' }));
      expect(top.map((r) => [r.type, r.path])).toEqual([
        ['common_prefix', 'a/'],
        ['common_prefix', 'c/'],
        ['object', 'top'],
        ['common_prefix', 'topaz/'],
      ]);
      const inA = await all(main.objects({ prefix: 'a/', delimiter: '/' }));
      expect(inA.map((r) => [r.type, r.path])).toEqual([
        ['object', 'a/1'],
        ['object', 'a/2'],
        ['common_prefix', 'a/b/'],
      ]);
      expect((await all(main.objects({ prefix: 'top' }))).map((r) => r.path)).toEqual(['top', 'topaz/5']);
    });

    it('pages with pageSize and caps with maxAmount', async () => {
      const main = listRepo.branch('main');
      expect((await all(main.objects({ pageSize: 2 }))).map((r) => r.path)).toHaveLength(6);
      expect((await all(main.objects({ pageSize: 2, maxAmount: 3 }))).map((r) => r.path)).toEqual([
        'a/1',
        'a/2',
        'a/b/3',
      ]);
    });

    itLocal('objects().pipe(take(1)) makes one request', async () => {
      const { result, requests } = await countRequests(target, () =>
        all(listRepo.branch('main').objects({ pageSize: 2 }).pipe(take(1))),
      );
      expect(result.map((r) => r.path)).toEqual(['a/1']);
      expect(requests.filter((r) => r.url.includes('/objects/ls'))).toHaveLength(1);
      expect(requests).toHaveLength(1);
    });
  });

  describe('cancellation', () => {
    itLocal('unsubscribing an upload mid-transfer aborts the request', async () => {
      const aborted = new Promise<{ url: string }>((ok) => target.server!.events.once('aborted', ok));
      let produced = 0;
      let closed = false;
      async function* endless(): AsyncGenerator<Uint8Array> {
        try {
          for (;;) {
            produced += 1;
            yield new Uint8Array(256 * 1024);
          }
        } finally {
          closed = true;
        }
      }
      const obj = main.object('abort/upload.bin');
      await new Promise<void>((done) => {
        const sub = obj.upload(endless(), { presign: false, reportProgress: true }).subscribe({
          next: (e) => {
            if (e.type === 'progress' && e.loaded >= 4 * MiB) {
              sub.unsubscribe();
              done();
            }
          },
          error: done,
        });
      });
      expect((await aborted).url).toContain('/objects');
      expect(produced).toBeGreaterThanOrEqual(16);
      await new Promise<void>((ok) => setImmediate(ok));
      expect(closed).toBe(true);
      expect(await run(obj.exists())).toBe(false);
    });

    itLocal('unsubscribing a read mid-transfer aborts the request', async () => {
      const obj = main.object('abort/read.bin');
      await run(obj.upload(randomChunks(32, MiB).source));
      const aborted = new Promise<{ url: string }>((ok) => target.server!.events.once('aborted', ok));
      const first = await run(obj.read({ presign: false }).pipe(take(1)));
      expect(first.byteLength).toBeGreaterThan(0);
      expect((await aborted).url).toContain('/objects');
    });

    itLocal('unsubscribing an Observable source stops it with the upload', async () => {
      let unsubscribed = false;
      const source = new Observable<Uint8Array>((subscriber) => {
        subscriber.next(new Uint8Array(1024));
        // never completes
        return () => (unsubscribed = true);
      });
      const aborted = new Promise<unknown>((ok) => target.server!.events.once('aborted', ok));
      const sub = main
        .object('abort/observable.bin')
        .upload(source, { presign: false, reportProgress: true })
        .subscribe();
      // wait until the server has the request, then give up on it
      await new Promise<void>((ok) => target.server!.events.once('request', () => ok()));
      sub.unsubscribe();
      await aborted;
      expect(unsubscribed).toBe(true);
    });
  });
});
