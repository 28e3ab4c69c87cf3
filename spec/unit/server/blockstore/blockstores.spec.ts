import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Blockstore } from '../../../../src/server/blockstore/Blockstore';
import { DirectoryBlockstore } from '../../../../src/server/blockstore/DirectoryBlockstore';
import { MemoryBlockstore } from '../../../../src/server/blockstore/MemoryBlockstore';
import { ApiError } from '../../../../src/server/http/ApiError';

async function* chunks(count: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < count; i++) yield new Uint8Array(size).fill(i % 251);
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

const statusOf = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof ApiError ? e.status : -1),
  );

describe.each([
  ['MemoryBlockstore', async (roots: string[]) => ({ store: new MemoryBlockstore(roots), dir: undefined })],
  [
    'DirectoryBlockstore',
    async (roots: string[]) => {
      const dir = await mkdtemp(join(tmpdir(), 'lakefs-rx-blocks-'));
      return { store: new DirectoryBlockstore(dir, roots), dir };
    },
  ],
])('%s', (_name, make) => {
  let outside: string;
  let store: Blockstore;
  let dir: string | undefined;
  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'lakefs-rx-import-'));
    await writeFile(join(outside, 'imported.txt'), 'imported bytes');
    ({ store, dir } = await make([outside]));
  });
  afterAll(async () => {
    await rm(outside, { recursive: true, force: true });
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams a write, computing MD5 and size, and reads ranges back', async () => {
    const blob = await store.write('local://bucket/repo', chunks(40, 64 * 1024));
    const expected = Buffer.concat(Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i % 251)));
    expect(blob.sizeBytes).toBe(expected.length);
    expect(blob.checksum).toBe(createHash('md5').update(expected).digest('hex'));
    expect(store.ownsAddress('local://bucket/repo', blob.address)).toBe(true);
    expect((await collect(await store.open(blob.address))).equals(expected)).toBe(true);
    const range = { start: 65_530, end: 200_000 };
    const part = await collect(await store.open(blob.address, range));
    expect(part.equals(expected.subarray(range.start, range.end + 1))).toBe(true);
  });

  it('reads absolute local:/// addresses inside the allowed roots only', async () => {
    const file = `local://${join(outside, 'imported.txt')}`;
    expect((await collect(await store.open(file, { start: 0, end: 7 }))).toString()).toBe('imported');
    expect(await statusOf(store.open('local:///etc/hostname'))).toBe(403);
    expect(await statusOf(store.open(`local://${join(outside, 'missing')}`))).toBe(410);
    expect(await statusOf(store.open('local://bucket/repo/data/never-written'))).toBe(410);
  });

  it('stores nothing when the source fails mid-stream', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(10);
      throw new Error('client went away');
    }
    await expect(store.write('local://bucket/failing', failing())).rejects.toThrow('client went away');
    if (dir) {
      expect(await readdir(join(dir, '.partial'))).toEqual([]);
    }
  });
});

describe('DirectoryBlockstore addresses', () => {
  it('uses local:// plus the absolute file path, like lakeFS local adapter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lakefs-rx-blocks-'));
    const store = new DirectoryBlockstore(dir, []);
    const blob = await store.write('local://ns/repo', chunks(1, 3));
    expect(blob.address.startsWith(`local://${join(dir, 'ns/repo/data')}/`)).toBe(true);
    expect(() => store.newAddress('local://../../escape')).toThrow(ApiError);
    await rm(dir, { recursive: true, force: true });
  });
});
