import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { type Api, startApi } from './httpFixture';

const CHUNK = 1024 * 1024;

function generated(chunks: number): { stream: ReadableStream<Uint8Array>; md5: string } {
  const hash = createHash('md5');
  const all: Uint8Array[] = [];
  for (let i = 0; i < chunks; i++) {
    const c = new Uint8Array(CHUNK).fill((i * 7) % 256);
    hash.update(c);
    all.push(c);
  }
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = all[i++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return { stream, md5: hash.digest('hex') };
}

describe('routes with a data directory', () => {
  let api: Api;
  let dataDir: string;
  let importDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lakefs-rx-data-'));
    importDir = await mkdtemp(join(tmpdir(), 'lakefs-rx-roots-'));
    api = await startApi({ dataDir, importRoots: [importDir] });
  });
  afterAll(async () => {
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(importDir, { recursive: true, force: true });
  });

  it('streams a 24 MiB upload to disk and back', async () => {
    const r = await api.repo('big');
    const { stream, md5 } = generated(24);
    const res = await fetch(new URL(`${api.server.url}/api/v1${r}/branches/main/objects?path=big.bin`), {
      method: 'POST',
      body: stream,
      headers: {
        authorization: `Basic ${Buffer.from(`${api.server.credentials.accessKeyId}:${api.server.credentials.secretAccessKey}`).toString('base64')}`,
        'content-type': 'application/octet-stream',
      },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    const stats = (await res.json()) as { checksum: string; size_bytes: number; physical_address: string };
    expect(stats).toMatchObject({ checksum: md5, size_bytes: 24 * CHUNK });
    expect(stats.physical_address.startsWith(`local://${dataDir}/`)).toBe(true);
    const read = await api.call('GET', `${r}/refs/main/objects`, { query: { path: 'big.bin' } });
    const hash = createHash('md5');
    for await (const chunk of read.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
    expect(hash.digest('hex')).toBe(md5);
  });

  it('reads entries that point at files under the import roots', async () => {
    const r = await api.repo('linked');
    const file = join(importDir, 'data.csv');
    await writeFile(file, 'a,b\n1,2\n');
    const link = await api.call('PUT', `${r}/branches/main/staging/backing`, {
      query: { path: 'linked.csv' },
      json: { staging: { physical_address: `local://${file}` }, checksum: 'x', size_bytes: 8 },
    });
    expect(link.status).toBe(200);
    const read = await api.call('GET', `${r}/refs/main/objects`, {
      query: { path: 'linked.csv' },
      headers: { range: 'bytes=4-' },
    });
    expect([read.status, await read.text()]).toEqual([206, '1,2\n']);
  });

  it('stages nothing when the client aborts an upload', async () => {
    const r = await api.repo('abort');
    const aborted = new Promise<void>((ok) => api.server.events.once('aborted', () => ok()));
    const arrived = new Promise<void>((ok) => api.server.events.once('request', () => ok()));
    const req = request(`${api.server.url}/api/v1${r}/branches/main/objects?path=partial`, {
      method: 'POST',
      auth: `${api.server.credentials.accessKeyId}:${api.server.credentials.secretAccessKey}`,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(64 * CHUNK) },
    });
    req.on('error', () => undefined);
    for (let i = 0; i < 4; i++) req.write(Buffer.alloc(CHUNK), () => undefined);
    await arrived;
    req.destroy();
    await aborted;
    const stat = await api.call('GET', `${r}/refs/main/objects/stat`, { query: { path: 'partial' } });
    expect(stat.status).toBe(404);
  });
});
