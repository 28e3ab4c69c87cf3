/**
 * `npm run bench:reclaim`: the issue's reclamation scenarios against an in-process server, before and
 * after one reclamation pass (`LocalServer.reclaimSpace`), run under `node --expose-gc` so RSS is measured
 * after a full collection:
 * - memory mode: 150 overwrites of a 2 MB object, then its delete (RSS);
 * - data directory: 1,100 objects each written 10 times, committed once (files in the directory).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/startServer';

const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
/**
 * RSS and the bytes held in Buffers, after full collections. V8 frees the memory of dead ArrayBuffers
 * concurrently, after the collection returns: one `gc()` then an immediate reading still counts most of
 * them (what made earlier runs report 315 MB "held"). So collect, let a turn pass, and repeat until the
 * figure stops falling.
 */
const rssMb = async (): Promise<{ rss: number; buffers: number }> => {
  const gc = (globalThis as { gc?: () => void }).gc;
  let buffers = Infinity;
  for (let round = 0; round < 10; round++) {
    gc?.();
    await new Promise((done) => setTimeout(done, 50));
    const now = process.memoryUsage().arrayBuffers;
    if (now >= buffers) break;
    buffers = now;
  }
  const usage = process.memoryUsage();
  return { rss: mb(usage.rss), buffers: mb(usage.arrayBuffers) };
};

const countFiles = (dir: string): number =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).length;

async function scenario(dataDir: string | undefined, objects: number, writes: number, size: number) {
  const server = await startServer({ reclaimIntervalMs: 0, ...(dataDir ? { dataDir } : {}) });
  const { accessKeyId, secretAccessKey } = server.credentials;
  const auth = `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`;
  const call = async (method: string, path: string, body?: string | Uint8Array<ArrayBuffer>) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: auth,
        'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream',
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  };
  const repo = JSON.stringify({
    name: 'reclaim',
    storage_namespace: 'local://ns/reclaim',
    default_branch: 'main',
  });
  await call('POST', '/repositories', repo);
  const start = await rssMb();
  for (let round = 0; round < writes; round++)
    for (let i = 0; i < objects; i++)
      await call(
        'POST',
        `/repositories/reclaim/branches/main/objects?path=o${i}`,
        new Uint8Array(randomBytes(size)),
      );
  if (objects === 1) await call('DELETE', '/repositories/reclaim/branches/main/objects?path=o0');
  else await call('POST', '/repositories/reclaim/branches/main/commits', JSON.stringify({ message: 'all' }));
  const filled = { memoryMb: await rssMb(), files: dataDir ? countFiles(dataDir) : undefined };
  const t0 = process.hrtime.bigint();
  const report = await server.reclaimSpace({ graceMs: 0 });
  const reclaimMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const reclaimed = { memoryMb: await rssMb(), files: dataDir ? countFiles(dataDir) : undefined };
  await server.close();
  return { start: { memoryMb: start }, filled, reclaimed, report, reclaimMs };
}

async function main(): Promise<void> {
  const memory = await scenario(undefined, 1, 150, 2 * 1024 * 1024);
  const dir = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-reclaim-'));
  try {
    const disk = await scenario(dir, 1100, 10, 1024);
    console.log(JSON.stringify({ memory, disk }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
