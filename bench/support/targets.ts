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
  const raw = results.transfer?.['global/raw'];
  const kinds = [
    ['global/client', '`presign: false`'],
    ['global/client-default', 'defaults (presigned)'],
  ] as const;
  for (const [key, label] of kinds) {
    const client = results.transfer?.[key];
    if (!client || !raw) continue;
    for (const dir of ['upload', 'download'] as const) {
      const r = ratio(client[dir].mbPerSecond, raw[dir].mbPerSecond);
      checks.push({ target: `Transfer ${dir} ≥ 0.9 × raw fetch streaming, ${label}`, measured: times(r), met: r >= 0.9 });
      checks.push({
        target: `Transfer ${dir}: peak RSS growth ≤ 64 MiB, ${label}`,
        measured: mib(client[dir].maxRssGrowthBytes),
        met: client[dir].maxRssGrowthBytes <= LIMIT_RSS,
      });
    }
  }
  if (!results.transfer) checks.push({ target: 'Transfers ≥ 0.9 × raw, RSS growth ≤ 64 MiB', measured: '—' });
  const bulk = results.bulk?.rows;
  const at = (c: number) => bulk?.find((r) => r.concurrency === c);
  for (const [pick, label] of [
    [(row: NonNullable<ReturnType<typeof at>>) => row.client, '`presign: false`'],
    [(row: NonNullable<ReturnType<typeof at>>) => row.clientDefault, 'defaults (presigned)'],
  ] as const) {
    const c1 = at(1);
    const c32 = at(32);
    const target = `Bulk at concurrency 32 ≥ 5 × concurrency 1, ${label}`;
    if (!c1 || !c32) {
      checks.push({ target, measured: '—' });
      continue;
    }
    const r = ratio(pick(c32).opsPerSecond, pick(c1).opsPerSecond);
    checks.push({ target, measured: times(r), met: r >= 5 });
  }
  return checks;
}
