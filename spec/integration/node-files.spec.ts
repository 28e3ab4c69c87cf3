import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError, type Branch } from '../../src';
import { createObjectReadStream, downloadToFile, uploadFromFile, uploadFromReadable } from '../../src/node';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, md5, repoFixture, run, sameBytes } from './helpers/repoFixture';

describe('lakefs-rx/node file and stream helpers', () => {
  let target: TestTarget;
  let dir: string;
  let main: Branch;
  beforeAll(async () => {
    target = await startTarget();
    dir = await mkdtemp(join(tmpdir(), 'lakefs-rx-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await target.close();
  });
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    main = (await repos.create('node-files')).branch('main');
  });

  it('uploads a file and downloads it to another file, byte-identical', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const src = join(dir, 'src.bin');
    await writeFile(src, data);
    const info = await run(
      uploadFromFile(main.object('files/a.bin'), src, { contentType: 'application/x-test' }),
    );
    expect(info).toMatchObject({
      sizeBytes: data.length,
      checksum: md5(data),
      contentType: 'application/x-test',
    });
    const dst = join(dir, 'dst.bin');
    expect(await run(downloadToFile(main.object('files/a.bin'), dst))).toBe(data.length);
    expect(sameBytes(await readFile(dst), data)).toBe(true);
  });

  it('reports file upload progress with the file size as total', async () => {
    const src = join(dir, 'progress.bin');
    await writeFile(src, randomBytes(300_000));
    const events = await all(uploadFromFile(main.object('files/p.bin'), src, { reportProgress: true }));
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.type === 'progress' && e.total === 300_000)).toBe(true);
    expect(events[events.length - 1]).toMatchObject({ type: 'done', object: { sizeBytes: 300_000 } });
  });

  it('downloads a range to a file with progress events', async () => {
    const obj = main.object('files/range.txt');
    await run(obj.upload('0123456789'));
    const dst = join(dir, 'range.txt');
    const events = await all(downloadToFile(obj, dst, { range: { start: 2, end: 5 }, reportProgress: true }));
    expect(events[events.length - 1]).toEqual({ type: 'done', loaded: 4 });
    expect(await readFile(dst, 'utf8')).toBe('2345');
  });

  it('uploads from a Node Readable and reads back through a Node Readable', async () => {
    const parts = [randomBytes(100_000), Buffer.from('text chunk'), randomBytes(5)];
    const info = await run(uploadFromReadable(main.object('streams/r.bin'), Readable.from(parts)));
    const expected = Buffer.concat(parts);
    expect(info.sizeBytes).toBe(expected.length);
    const received: Buffer[] = [];
    await pipeline(
      createObjectReadStream(main.object('streams/r.bin')),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          received.push(chunk);
          done();
        },
      }),
    );
    expect(sameBytes(Buffer.concat(received), expected)).toBe(true);
  });

  it('fails a download of a missing object with ObjectNotFoundError and leaves no file', async () => {
    const dst = join(dir, 'missing.bin');
    await expect(run(downloadToFile(main.object('files/none'), dst))).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
    await expect(stat(dst)).rejects.toMatchObject({ code: 'ENOENT' });
    const readable = createObjectReadStream(main.object('files/none'));
    await expect(pipeline(readable, new Writable({ write: (_c, _e, d) => d() }))).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
  });

  itLocal('reads a Node Readable only as fast as it is consumed, and destroying it aborts', async () => {
    const obj = main.object('streams/big.bin');
    await run(obj.upload(new Uint8Array(32 * 1024 * 1024)));
    const aborted = new Promise<{ url: string }>((ok) => target.server!.events.once('aborted', ok));
    const readable = createObjectReadStream(obj, { presign: false });
    const first = await new Promise<Buffer>((ok) => readable.once('data', ok));
    readable.pause();
    expect(first.length).toBeGreaterThan(0);
    readable.destroy();
    expect((await aborted).url).toContain('/objects');
  });
});
