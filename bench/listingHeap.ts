/**
 * Heap while listing: lists a large repository through `ref.objects()` and samples the heap after a full
 * GC at every page boundary, next to the heap held by one page, to show the listing holds about one page
 * whatever its length.
 */
import { count, lastValueFrom, tap } from 'rxjs';
import type { LakeFS } from '../src';
import { createBenchRepo, populate, type PopulateResult } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { clientFor } from './support/fetchVariants';
import { LISTING_PAGE_SIZE } from './listing';
import { log } from './support/log';
import { forceGc } from './support/memory';
import { median } from './support/stats';
import type { BenchTarget } from './support/target';
import { toObjectOrPrefix } from '../src/models/fromWire';

/** Results of the heap measurement. */
export interface ListingHeapResult {
  readonly objects: number;
  readonly populate: PopulateResult;
  /** Heap used after GC before the listing started. */
  readonly baselineHeap: number;
  /** Heap held by one page of 1000 objects (the decoded wire page plus its models), measured alone. */
  readonly onePageBytes: number;
  /** Highest heap above baseline over all samples (one per page boundary, each after a full GC). */
  readonly maxGrowthBytes: number;
  /** Median heap above baseline over the samples. */
  readonly medianGrowthBytes: number;
  /** Median heap growth over each tenth of the listing (shows whether it drifts). */
  readonly growthByTenth: readonly number[];
  /** Least-squares slope of heap growth against pages listed: a leak shows as a positive slope. */
  readonly bytesPerPageSlope: number;
  readonly samples: number;
  readonly listMs: number;
}

function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** Heap held by one page of 1000 rows on its own (wire objects plus models): what "one page" weighs. */
async function onePageHeap(lakefs: LakeFS, repo: string, ref: string): Promise<number> {
  forceGc();
  const before = process.memoryUsage().heapUsed;
  const page = await lastValueFrom(lakefs.api.listObjects(repo, ref, { amount: LISTING_PAGE_SIZE }));
  const models = page.results.map(toObjectOrPrefix);
  forceGc();
  const bytes = process.memoryUsage().heapUsed - before;
  // keeps both alive across the second GC
  if (models.length !== LISTING_PAGE_SIZE || page.results.length !== LISTING_PAGE_SIZE)
    throw new Error('short first page');
  return bytes;
}

/** Runs the heap measurement. */
export async function benchListingHeap(target: BenchTarget, config: BenchConfig): Promise<ListingHeapResult> {
  const lakefs = clientFor(target, 'global');
  const repo = await createBenchRepo(target, lakefs, 'heap');
  log(`heap: populating ${config.heapObjects} objects`);
  const populated = await populate(target, repo, {
    count: config.heapObjects,
    onProgress: (n) => n % 100_000 === 0 && log(`heap: ${n} uploaded`),
  });
  log(
    `heap: populated in ${(populated.uploadMs / 1000).toFixed(1)} s, commit ${populated.commitMs.toFixed(0)} ms`,
  );
  const ref = lakefs.repository(repo.id).ref(repo.branch);

  const onePageBytes = await onePageHeap(lakefs, repo.id, repo.branch);

  forceGc();
  const baselineHeap = process.memoryUsage().heapUsed;
  const points: [number, number][] = [];
  let index = 0;
  const start = performance.now();
  const listed = await lastValueFrom(
    ref.objects().pipe(
      tap(() => {
        index += 1;
        // the first row of a page (just decoded) and its last (the whole page still referenced)
        const position = index % LISTING_PAGE_SIZE;
        if (position === 1 || position === 0) {
          forceGc();
          points.push([index / LISTING_PAGE_SIZE, process.memoryUsage().heapUsed - baselineHeap]);
        }
      }),
      count(),
    ),
  );
  const listMs = performance.now() - start;
  if (listed !== config.heapObjects) throw new Error(`listed ${listed}, expected ${config.heapObjects}`);
  await repo.dispose();
  const growth = points.map(([, bytes]) => bytes);
  return {
    objects: config.heapObjects,
    populate: populated,
    baselineHeap,
    onePageBytes,
    maxGrowthBytes: Math.max(...growth),
    medianGrowthBytes: median(growth),
    growthByTenth: Array.from({ length: 10 }, (_, tenth) =>
      median(
        growth.slice(
          Math.floor((tenth * growth.length) / 10),
          Math.floor(((tenth + 1) * growth.length) / 10),
        ),
      ),
    ),
    bytesPerPageSlope: slope(points),
    samples: points.length,
    listMs,
  };
}
