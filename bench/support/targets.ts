import { ratio } from './stats';
import type { RunResults } from './results';
import { kib, mib, times } from './format';

/** One target of issue 7 and where this run puts it. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Undefined when the section did not run. */
  readonly met?: boolean;
}

const LIMIT_RSS = 64 * 1024 * 1024;

/**
 * Checks the targets against the default client (global fetch). "About one page" is read as: the
 * highest heap sample stays within twice the weight of one page held alone, and the heap does not grow
 * with the pages listed (slope × pages under one page).
 */
export function checkTargets(results: RunResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const listing = results.listing?.variants.global;
  const listingRatio = listing ? ratio(listing.client.opsPerSecond, listing.raw.opsPerSecond) : undefined;
  checks.push({
    target: 'Listing ≥ 0.9 × the raw loop',
    measured: times(listingRatio),
    ...(listingRatio === undefined ? {} : { met: listingRatio >= 0.9 }),
  });
  const heap = results.heap;
  if (heap) {
    const pages = heap.objects / 1000;
    const drift = heap.bytesPerPageSlope * pages;
    checks.push({
      target: `Heap ≈ one page while listing ${heap.objects.toLocaleString('en-US')} objects`,
      measured: `max +${kib(heap.maxGrowthBytes)} (one page: ${kib(heap.onePageBytes)}), drift ${kib(drift)} over ${pages} pages`,
      met: heap.maxGrowthBytes <= 2 * heap.onePageBytes && drift < heap.onePageBytes,
    });
  } else checks.push({ target: 'Heap ≈ one page while listing', measured: '—' });
  for (const row of results.overhead?.rows ?? []) {
    const r = ratio(row.variants.global.client.wallUsPerOp, row.variants.global.raw.wallUsPerOp);
    checks.push({
      target: `Per-request overhead ≤ 1.15 × raw fetch (concurrency ${row.concurrency})`,
      measured: times(r),
      met: r <= 1.15,
    });
  }
  if (!results.overhead) checks.push({ target: 'Per-request overhead ≤ 1.15 × raw fetch', measured: '—' });
  const client = results.transfer?.['global/client'];
  const raw = results.transfer?.['global/raw'];
  if (client && raw) {
    for (const dir of ['upload', 'download'] as const) {
      const r = ratio(client[dir].mbPerSecond, raw[dir].mbPerSecond);
      checks.push({ target: `Transfer ${dir} ≥ 0.9 × raw fetch streaming`, measured: times(r), met: r >= 0.9 });
      checks.push({
        target: `Transfer ${dir}: peak RSS growth ≤ 64 MiB`,
        measured: mib(client[dir].maxRssGrowthBytes),
        met: client[dir].maxRssGrowthBytes <= LIMIT_RSS,
      });
    }
  } else checks.push({ target: 'Transfers ≥ 0.9 × raw, RSS growth ≤ 64 MiB', measured: '—' });
  const bulk = results.bulk?.rows;
  const c1 = bulk?.find((r) => r.concurrency === 1)?.client.opsPerSecond;
  const c32 = bulk?.find((r) => r.concurrency === 32)?.client.opsPerSecond;
  if (c1 !== undefined && c32 !== undefined) {
    const r = ratio(c32, c1);
    checks.push({ target: 'Bulk at concurrency 32 ≥ 5 × concurrency 1', measured: times(r), met: r >= 5 });
  } else checks.push({ target: 'Bulk at concurrency 32 ≥ 5 × concurrency 1', measured: '—' });
  return checks;
}
