/**
 * §3 Transfers: one upload and one download of `transferBytes` through the client or through raw fetch
 * streaming, with one fetch implementation, in a fresh process so that its peak RSS growth is its own.
 * `run.ts` calls it once per variant per round, rotating the order.
 */
import { lastValueFrom, reduce } from 'rxjs';
import { createBenchRepo } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { type FetchVariant, clientFor, fetchFor } from './support/fetchVariants';
import { measureRssGrowth } from './support/memory';
import { measure, type Timing } from './support/probe';
import { qs, rawClient, rawRequest, uploadPath, type RawClient } from './support/rawClient';
import { median } from './support/stats';
import type { BenchTarget } from './support/target';
import type { LakeFS } from '../src';

/**
 * Who moves the bytes: the client with `presign: false` (the same requests as raw); the client with its
 * defaults (`presign: 'auto'`, which on a presign-capable server means a staging address, a PUT to a
 * presigned URL and a link for uploads, a stat and a GET from a presigned URL for downloads); raw fetch
 * streaming set up the way a careful caller would (`window: null`, `redirect: 'error'`, which stops
 * undici from cloning the request body); or raw fetch as most code writes it, where undici tees the
 * body and the unread branch keeps every chunk (nodejs/undici#4058).
 */
export type TransferSide = 'raw' | 'raw-naive' | 'client' | 'client-default';

/** Arguments of one transfer run. */
export interface TransferArgs {
  readonly variant: FetchVariant;
  readonly side: TransferSide;
}

/** One direction of one run. */
export interface TransferLeg extends Timing {
  readonly bytes: number;
  readonly rssGrowthBytes: number;
  readonly baselineRss: number;
}

/** Result of one run: an upload then a download of the same object. */
export interface TransferRun extends TransferArgs {
  readonly upload: TransferLeg;
  readonly download: TransferLeg;
}

/** Size of each chunk the upload source produces (the same buffer, re-sent: the source allocates nothing). */
export const SOURCE_CHUNK_BYTES = 1024 * 1024;

/** A pull-based stream of `total` bytes made by re-sending one chunk. */
export function byteSource(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(SOURCE_CHUNK_BYTES).fill(97);
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) {
          controller.close();
          return;
        }
        const size = Math.min(chunk.byteLength, total - sent);
        controller.enqueue(size === chunk.byteLength ? chunk : chunk.subarray(0, size));
        sent += size;
      },
    },
    { highWaterMark: 0 },
  );
}

async function drain(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null): Promise<number> {
  let bytes = 0;
  if (!body) return bytes;
  if ('getReader' in body) {
    const reader = body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    return bytes;
  }
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}

interface Mover {
  upload(path: string, bytes: number): Promise<void>;
  download(path: string): Promise<number>;
}

function rawMover(raw: RawClient, repo: string, branch: string, naive: boolean): Mover {
  return {
    upload: async (path, bytes) => {
      const init = {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: byteSource(bytes),
        duplex: 'half',
        ...(naive ? {} : { window: null, redirect: 'error' }),
      } as RequestInit;
      await (await rawRequest(raw, uploadPath(repo, branch, path), init)).text();
    },
    download: async (path) => {
      const response = await rawRequest(raw, `/repositories/${repo}/refs/${branch}/objects${qs({ path })}`);
      return drain(response.body as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null);
    },
  };
}

function clientMover(lakefs: LakeFS, repo: string, branch: string): Mover {
  const object = (path: string) => lakefs.repository(repo).branch(branch).object(path);
  return {
    upload: async (path, bytes) => {
      await lastValueFrom(object(path).upload(byteSource(bytes)));
    },
    download: (path) =>
      lastValueFrom(
        object(path)
          .read()
          .pipe(reduce((n, chunk) => n + chunk.byteLength, 0)),
      ),
  };
}

async function leg(target: BenchTarget, bytes: number, work: () => Promise<unknown>): Promise<TransferLeg> {
  const { value, growthBytes, baselineRss } = await measureRssGrowth(() => measure(target, work));
  return { ...value, bytes, rssGrowthBytes: growthBytes, baselineRss };
}

/** Runs one transfer run (see the module comment). */
export async function benchTransfer(
  target: BenchTarget,
  config: BenchConfig,
  args: Record<string, unknown> = {},
): Promise<TransferRun> {
  const { variant, side } = args as unknown as TransferArgs;
  const lakefs = clientFor(target, variant, {
    streamingUploads: true,
    presign: side === 'client-default' ? 'auto' : false,
  });
  const repo = await createBenchRepo(target, clientFor(target, 'global'), 'xfer');
  const mover =
    side === 'client' || side === 'client-default'
      ? clientMover(lakefs, repo.id, repo.branch)
      : rawMover(rawClient(target, fetchFor(variant, true)), repo.id, repo.branch, side === 'raw-naive');
  // warm both directions (connection, JIT) before anything is measured
  await mover.upload('warm.bin', SOURCE_CHUNK_BYTES);
  if ((await mover.download('warm.bin')) !== SOURCE_CHUNK_BYTES) throw new Error('warm-up download short');
  const bytes = config.transferBytes;
  const upload = await leg(target, bytes, () => mover.upload('big.bin', bytes));
  let received = 0;
  const download = await leg(target, bytes, async () => (received = await mover.download('big.bin')));
  if (received !== bytes) throw new Error(`downloaded ${received} of ${bytes} bytes`);
  await repo.dispose();
  return { variant, side, upload, download };
}

/** Every transfer run of a round, in a stable order (run.ts rotates it from round to round). */
export const TRANSFER_RUNS: readonly TransferArgs[] = [
  { variant: 'global', side: 'raw' },
  { variant: 'global', side: 'client' },
  { variant: 'global', side: 'client-default' },
  { variant: 'global', side: 'raw-naive' },
  { variant: 'cross-fetch', side: 'raw' },
  { variant: 'cross-fetch', side: 'client' },
];

/** The figures of one direction of one kind of run, over all rounds. */
export interface TransferFigures {
  readonly bytes: number;
  readonly rounds: number;
  /** Median throughput, in MB/s (10^6 bytes). */
  readonly mbPerSecond: number;
  /** Highest peak-RSS growth over the rounds. */
  readonly maxRssGrowthBytes: number;
  /** Median client CPU per MB moved. */
  readonly clientCpuUsPerMb: number;
  readonly serverCpuUsPerMb?: number;
}

/** Key of a run kind in {@link TransferSummary}: `<variant>/<side>`. */
export const transferKey = (args: TransferArgs): string => `${args.variant}/${args.side}`;

/** Figures per run kind and direction. */
export type TransferSummary = Readonly<
  Record<string, { readonly upload: TransferFigures; readonly download: TransferFigures }>
>;

function figures(legs: readonly TransferLeg[]): TransferFigures {
  const bytes = legs[0]?.bytes ?? 0;
  const mb = bytes / 1e6;
  const server = legs.flatMap((l) => (l.serverCpuUs === undefined ? [] : [l.serverCpuUs]));
  return {
    bytes,
    rounds: legs.length,
    mbPerSecond: median(legs.map((l) => mb / (l.wallMs / 1000))),
    maxRssGrowthBytes: Math.max(...legs.map((l) => l.rssGrowthBytes)),
    clientCpuUsPerMb: median(legs.map((l) => l.clientCpuUs)) / mb,
    ...(server.length ? { serverCpuUsPerMb: median(server) / mb } : {}),
  };
}

/** Groups runs by kind and takes medians (throughput, CPU) and maxima (RSS growth). */
export function summarizeTransfers(runs: readonly TransferRun[]): TransferSummary {
  const out: Record<string, { upload: TransferFigures; download: TransferFigures }> = {};
  for (const kind of TRANSFER_RUNS) {
    const mine = runs.filter((r) => transferKey(r) === transferKey(kind));
    if (mine.length === 0) continue;
    out[transferKey(kind)] = {
      upload: figures(mine.map((r) => r.upload)),
      download: figures(mine.map((r) => r.download)),
    };
  }
  return out;
}
