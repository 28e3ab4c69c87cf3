/**
 * Subscribe/unsubscribe cycles: subscribes to client operations and unsubscribes while their requests
 * are in flight (a stat before its answer, a listing between pages, a download after its first chunk, an
 * upload while its body is being sent), then compares the heap after a full GC before and after.
 *
 * Standalone: `node --expose-gc --import tsx bench/subscribe-cycles.ts [--cycles=N]` starts its own
 * local server (or uses `LAKEFS_TEST_ENDPOINT`) and prints the figures; `run.ts` also runs it.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { type Observable, lastValueFrom, tap } from 'rxjs';
import { createBenchRepo, populate } from './support/benchRepo';
import { parseConfig, type BenchConfig } from './support/config';
import { clientFor } from './support/fetchVariants';
import { buildBundle } from './support/lakefsRx';
import { log } from './support/log';
import { forceGc } from './support/memory';
import { openTarget, type BenchTarget } from './support/target';

/** Results of the cycles. */
export interface CyclesResult {
  readonly cycles: number;
  readonly heapBefore: number;
  readonly heapAfter: number;
  /** Heap after GC at each tenth of the run, above `heapBefore`. */
  readonly heapGrowthSamples: readonly number[];
  /** Cycles whose operation ended by itself before the unsubscribe (the rest were cut mid-flight). */
  readonly finishedEarly: number;
  /**
   * Bytes that upload bodies gave out after their upload was unsubscribed (each body is 16 MiB, cut
   * after 1 MiB; a
   * transport that stops reading on abort gives out none).
   */
  readonly bytesPulledAfterUnsubscribe: number;
  /** Upload cycles among `cycles`. */
  readonly uploadCycles: number;
  /** Active handles and requests (sockets, timers) before and after. */
  readonly resourcesBefore: number;
  readonly resourcesAfter: number;
  readonly ms: number;
}

const MiB = 1024 * 1024;

/** Size of the upload body in the upload cycles: more than loopback socket buffers swallow at once. */
const UPLOAD_BYTES = 16 * MiB;
/** The upload cycles unsubscribe once this much of the body was read. */
const UPLOAD_CUT_BYTES = 1 * MiB;
const UPLOAD_CHUNK = new Uint8Array(64 * 1024);

/**
 * A 16 MiB upload body that calls `onCutPoint` once 1 MiB was read and counts the bytes pulled from it
 * after `isCut()` turned true: once a subscriber has unsubscribed, nothing should read the source any more.
 */
function watchedSource(
  onCutPoint: () => void,
  isCut: () => boolean,
  onPulledAfterCut: (bytes: number) => void,
): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= UPLOAD_BYTES) return controller.close();
        sent += UPLOAD_CHUNK.byteLength;
        if (sent === UPLOAD_CUT_BYTES) onCutPoint();
        if (isCut()) onPulledAfterCut(UPLOAD_CHUNK.byteLength);
        controller.enqueue(UPLOAD_CHUNK);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Subscribes, waits until `cut` resolves (or the operation ends), unsubscribes.
 * @returns whether the operation ended by itself before the cut
 */
async function cycle<T>(source: Observable<T>, cut: Promise<unknown>, onCut?: () => void): Promise<boolean> {
  let ended = false;
  let done!: () => void;
  const finished = new Promise<void>((ok) => (done = ok));
  const subscription = source.subscribe({
    error: () => ((ended = true), done()),
    complete: () => ((ended = true), done()),
  });
  await Promise.race([cut, finished]);
  subscription.unsubscribe();
  onCut?.();
  return ended;
}

/** Runs the cycles against `target`. */
export async function benchSubscribeCycles(
  target: BenchTarget,
  config: BenchConfig,
  args: Record<string, unknown> = {},
): Promise<CyclesResult> {
  // the client as users get it: presigned transfers where the server offers them
  const lakefs = clientFor(target, 'global', { presign: 'auto' });
  const repo = await createBenchRepo(target, lakefs, 'cycles');
  await populate(target, repo, { count: 1000, commitMessage: false });
  const branch = lakefs.repository(repo.id).branch(repo.branch);
  await lastValueFrom(branch.object('big.bin').upload(new Uint8Array(4 * MiB)));
  let pulledAfterCut = 0;
  const kinds: ((i: number) => Promise<boolean>)[] = [
    // stat: cut after 0–2 event-loop turns, before or while the answer arrives
    (i) => cycle(branch.object('data/00000001').stat(), tickN(i % 3)),
    // listing: cut just after the first page was delivered, with the second page requested
    () => {
      let delivered!: () => void;
      const firstRow = new Promise<void>((ok) => (delivered = ok));
      const rows = branch.objects({ pageSize: 100 }).pipe(tap(() => delivered()));
      return cycle(
        rows,
        firstRow.then(() => tick()),
      );
    },
    // download: cut after the first chunk of a 4 MiB body
    () => {
      let received!: () => void;
      const firstChunk = new Promise<void>((ok) => (received = ok));
      return cycle(
        branch
          .object('big.bin')
          .read()
          .pipe(tap(() => received())),
        firstChunk,
      );
    },
    // upload: cut after 1 MiB of a 16 MiB body was read
    (i) => {
      let cut = false;
      let cutPoint!: () => void;
      const reached = new Promise<void>((ok) => (cutPoint = ok));
      const body = watchedSource(
        () => cutPoint(),
        () => cut,
        (bytes) => (pulledAfterCut += bytes),
      );
      return cycle(branch.object(`up/${i % 10}`).upload(body), reached, () => (cut = true));
    },
  ];
  const only = (args.kinds as number[] | undefined) ?? kinds.map((_, i) => i);
  const chosen = only.map((i) => kinds[i]!);
  const run = async (count: number, onTenth?: () => void): Promise<number> => {
    let early = 0;
    for (let i = 0; i < count; i++) {
      if (await chosen[i % chosen.length]!(i)) early += 1;
      if (onTenth && (i + 1) % Math.max(1, Math.floor(count / 10)) === 0) onTenth();
    }
    return early;
  };
  // warm up until undici's and V8's own state has settled (it plateaus at about 1 MiB within ~1,000 cycles)
  await run(Math.min(1000, Math.max(200, Math.floor(config.cycles / 10))));
  await settle();
  pulledAfterCut = 0;
  forceGc();
  const heapBefore = process.memoryUsage().heapUsed;
  const resourcesBefore = process.getActiveResourcesInfo().length;
  const samples: number[] = [];
  const start = performance.now();
  const finishedEarly = await run(config.cycles, () => {
    forceGc();
    samples.push(process.memoryUsage().heapUsed - heapBefore);
    log(`cycles: ${samples.length * 10}%`);
  });
  const ms = performance.now() - start;
  await settle();
  forceGc();
  const heapAfter = process.memoryUsage().heapUsed;
  const resourcesAfter = process.getActiveResourcesInfo().length;
  await repo.dispose();
  return {
    cycles: config.cycles,
    heapBefore,
    heapAfter,
    heapGrowthSamples: samples,
    finishedEarly,
    bytesPulledAfterUnsubscribe: pulledAfterCut,
    uploadCycles: only.includes(3) ? Math.floor(config.cycles / chosen.length) : 0,
    resourcesBefore,
    resourcesAfter,
    ms,
  };
}

/** Lets aborted requests finish tearing down (their rejections and socket closes) before measuring. */
async function settle(): Promise<void> {
  await new Promise((ok) => setTimeout(ok, 500));
  await tickN(10);
}

async function tickN(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await tick();
}

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2));
  buildBundle();
  const running = await openTarget();
  try {
    const kinds = process.argv.find((a) => a.startsWith('--kinds='))?.slice(8);
    const result = await benchSubscribeCycles(
      running.target,
      config,
      kinds ? { kinds: kinds.split(',').map(Number) } : {},
    );
    const mb = (b: number): string => `${(b / MiB).toFixed(2)} MiB`;
    process.stdout.write(
      `${result.cycles} subscribe/unsubscribe cycles in ${(result.ms / 1000).toFixed(1)} s\n` +
        `heap used after GC: before ${mb(result.heapBefore)}, after ${mb(result.heapAfter)} ` +
        `(${result.heapAfter >= result.heapBefore ? '+' : ''}${mb(result.heapAfter - result.heapBefore)})\n` +
        `heap above "before" at each tenth: ${result.heapGrowthSamples.map((b) => (b / 1024).toFixed(0)).join(', ')} KiB\n` +
        `upload bodies read after unsubscribe: ${mb(result.bytesPulledAfterUnsubscribe)} over ` +
        `${result.uploadCycles} upload cycles\n` +
        `active resources: before ${result.resourcesBefore}, after ${result.resourcesAfter}\n`,
    );
  } finally {
    await running.stop();
  }
  log('done');
}

if (require.main === module) void main();
