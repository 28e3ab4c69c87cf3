/**
 * §S3 The S3 gateway beside the API: one object of `s3Bytes` (1 GiB; 64 MiB with `--quick`) uploaded
 * through the lakeFS API (lakefs-rx), through S3 PutObject (`@aws-sdk/client-s3`, a streamed body, which
 * the SDK sends aws-chunked with a CRC32 trailer) and through an S3 multipart upload (`@aws-sdk/lib-storage`,
 * 16 MiB parts, 4 in flight), then read back through the API and through S3 GetObject. For each leg: MiB/s
 * and the growth of the server process's RSS at its peak (sampled every 50 ms) — the server writes to a
 * directory blockstore, so a body held in memory would show here.
 *
 *   npm run bench -- --only=s3 [--quick]
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { lastValueFrom, reduce } from 'rxjs';
import { LakeFS } from '../src';
import { createBenchRepo } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { mib, num, table } from './support/format';
import { log } from './support/log';
import type { ServerProbeSample } from './support/serverProcess';
import { type BenchTarget, openTarget } from './support/target';

const MiB = 1024 * 1024;

/** One leg: what moved the bytes, how fast, and how much the server's RSS grew. */
export interface S3GatewayLeg {
  readonly name: string;
  readonly bytes: number;
  readonly wallMs: number;
  /** Peak server RSS minus its RSS before the leg; undefined against a real lakeFS. */
  readonly serverRssGrowthBytes?: number;
}

/** The section's result. */
export interface S3GatewayResult {
  readonly bytes: number;
  readonly legs: readonly S3GatewayLeg[];
}

/** A deterministic byte source: one random-looking MiB repeated with a varying first byte. */
async function* payload(bytes: number): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i++) block[i] = (i * 2654435761) >>> 24;
  for (let sent = 0, n = 0; sent < bytes; sent += MiB, n++) {
    const chunk = Buffer.from(block.subarray(0, Math.min(MiB, bytes - sent)));
    chunk[0] = n & 0xff;
    yield chunk;
  }
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<number> {
  let total = 0;
  for await (const chunk of source) total += chunk.length;
  return total;
}

async function serverRss(target: BenchTarget): Promise<number | undefined> {
  if (!target.probeUrl) return undefined;
  return ((await (await fetch(target.probeUrl)).json()) as ServerProbeSample).rss;
}

/** Runs `leg`, sampling the server's RSS meanwhile. */
async function timed(
  target: BenchTarget,
  name: string,
  bytes: number,
  leg: () => Promise<unknown>,
): Promise<S3GatewayLeg> {
  const before = await serverRss(target);
  let peak = before ?? 0;
  let sampling = before !== undefined;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await serverRss(target)) ?? 0);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  })();
  const start = performance.now();
  await leg();
  const wallMs = performance.now() - start;
  sampling = false;
  await sampler;
  const after = await serverRss(target);
  peak = Math.max(peak, after ?? 0);
  log(`s3: ${name} ${num((bytes / MiB / wallMs) * 1000)} MiB/s`);
  return { name, bytes, wallMs, ...(before !== undefined ? { serverRssGrowthBytes: peak - before } : {}) };
}

/**
 * Runs the section against a fresh local server with a directory blockstore (or the real lakeFS).
 * @param config - `--quick` picks 64 MiB instead of 1 GiB
 * @returns one leg per transfer
 */
export async function benchS3Gateway(config: BenchConfig): Promise<S3GatewayResult> {
  const bytes = config.quick ? 64 * MiB : 1024 * MiB;
  const dataDir = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-s3-'));
  const previous = process.env.BENCH_DATA_DIR;
  process.env.BENCH_DATA_DIR = dataDir; // the server child inherits it
  const running = await openTarget();
  if (previous === undefined) delete process.env.BENCH_DATA_DIR;
  else process.env.BENCH_DATA_DIR = previous;
  const { target } = running;
  const lakefs = new LakeFS({
    endpoint: target.url,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
  });
  const s3 = new S3Client({ ...lakefs.s3ClientConfig(), maxAttempts: 1 });
  const repo = await createBenchRepo(target, lakefs, 's3');
  const branch = lakefs.repository(repo.id).branch('main');
  try {
    const legs: S3GatewayLeg[] = [];
    legs.push(
      await timed(target, 'API upload (lakefs-rx)', bytes, () =>
        lastValueFrom(branch.object('api.bin').upload(payload(bytes))),
      ),
    );
    legs.push(
      await timed(target, 'S3 PutObject (streamed, aws-chunked)', bytes, () =>
        s3.send(
          new PutObjectCommand({
            Bucket: repo.id,
            Key: 'main/put.bin',
            Body: Readable.from(payload(bytes)),
            ContentLength: bytes,
          }),
        ),
      ),
    );
    legs.push(
      await timed(target, 'S3 multipart (lib-storage, 16 MiB × 4)', bytes, () =>
        new Upload({
          client: s3,
          params: { Bucket: repo.id, Key: 'main/multipart.bin', Body: Readable.from(payload(bytes)) },
          partSize: 16 * MiB,
          queueSize: 4,
        }).done(),
      ),
    );
    legs.push(
      await timed(target, 'API download (lakefs-rx)', bytes, () =>
        lastValueFrom(
          branch
            .object('put.bin')
            .read()
            .pipe(reduce((n, chunk) => n + chunk.length, 0)),
        ),
      ),
    );
    legs.push(
      await timed(target, 'S3 GetObject', bytes, async () => {
        const out = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'main/put.bin' }));
        if ((await drain(out.Body as AsyncIterable<Uint8Array>)) !== bytes) throw new Error('short read');
      }),
    );
    return { bytes, legs };
  } finally {
    s3.destroy();
    await repo.dispose();
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The section as Markdown, for the report. */
export function renderS3Gateway(result: S3GatewayResult): string {
  return [
    `## S3 gateway beside the API (${mib(result.bytes)} per transfer)`,
    '',
    'One object through the lakeFS API (lakefs-rx), S3 PutObject (`@aws-sdk/client-s3`, streamed: aws-chunked',
    'with a CRC32 trailer) and an S3 multipart upload (`@aws-sdk/lib-storage`), then read back. Server RSS',
    'growth is its peak during the transfer over its RSS before; the server writes to a directory blockstore.',
    '',
    table(
      ['transfer', 'MiB/s', 'server RSS growth (MiB)'],
      result.legs.map((leg) => [
        leg.name,
        num((leg.bytes / MiB / leg.wallMs) * 1000),
        leg.serverRssGrowthBytes === undefined ? '–' : mib(leg.serverRssGrowthBytes),
      ]),
    ),
    '',
  ].join('\n');
}
