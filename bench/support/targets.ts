import { ratio } from './stats';
import type { RunResults } from './results';
import { kib, mib, times } from './format';
import { cpuCostRatio } from './summary';

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
    measured: listing
      ? `${times(listingRatio)} (by CPU cost ${times(cpuCostRatio(listing.client, listing.raw))})`
      : '—',
    ...(listingRatio === undefined ? {} : { met: listingRatio >= 0.9 }),
  });
  const heap = results.heap;
  if (heap) {
    const pages = heap.objects / 1000;
    const drift = heap.bytesPerPageSlope * pages;
    const rawMax = heap.raw?.maxGrowthBytes ?? 0;
    const rawDrift = (heap.raw?.bytesPerPageSlope ?? 0) * pages;
    checks.push({
      target: `Heap ≈ one page while listing ${heap.objects.toLocaleString('en-US')} objects`,
      measured:
        `max +${kib(heap.maxGrowthBytes)} (raw loop +${kib(rawMax)}; one page ${kib(heap.onePageBytes)}); ` +
        `drift ${kib(drift)} (raw loop ${kib(rawDrift)}) over ${pages} pages`,
      // what the client holds beyond the raw loop: at most two pages, and no drift of a page or more
      met: heap.maxGrowthBytes - rawMax <= 2 * heap.onePageBytes && drift - rawDrift < heap.onePageBytes,
    });
  } else checks.push({ target: 'Heap ≈ one page while listing', measured: '—' });
  for (const row of results.overhead?.rows ?? []) {
    const { client, raw, rawSignal } = row.variants.global;
    const r = ratio(client.wallUsPerOp, raw.wallUsPerOp);
    checks.push({
      target: `Per-request overhead ≤ 1.15 × raw fetch (concurrency ${row.concurrency})`,
      measured:
        `${times(r)} (by CPU cost ${times(1 / cpuCostRatio(client, raw))}; ` +
        `${times(ratio(client.wallUsPerOp, rawSignal.wallUsPerOp))} of raw fetch with an AbortSignal)`,
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
      checks.push({
        target: `Transfer ${dir} ≥ 0.9 × raw fetch streaming, ${label}`,
        measured: times(r),
        met: r >= 0.9,
      });
      checks.push({
        target: `Transfer ${dir}: peak RSS growth ≤ 64 MiB, ${label}`,
        measured: mib(client[dir].maxRssGrowthBytes),
        met: client[dir].maxRssGrowthBytes <= LIMIT_RSS,
      });
    }
  }
  if (!results.transfer) checks.push({ target: 'Transfers ≥ 0.9 × raw, RSS growth ≤ 64 MiB', measured: '—' });
  for (const run of [results.bulk, results.bulkLatency]) {
    if (!run) continue;
    const at = (c: number) => run.rows.find((r) => r.concurrency === c);
    const c1 = at(1);
    const c32 = at(32);
    if (!c1 || !c32) continue;
    const where = run.latencyMs ? ` (+${run.latencyMs} ms per API request)` : ' (loopback)';
    for (const [label, one, many] of [
      ['`presign: false`', c1.client, c32.client],
      ['defaults (presigned)', c1.clientDefault, c32.clientDefault],
    ] as const) {
      const r = ratio(many.opsPerSecond, one.opsPerSecond);
      checks.push({
        target: `Bulk at concurrency 32 ≥ 5 × concurrency 1, ${label}${where}`,
        measured: times(r),
        met: r >= 5,
      });
    }
  }
  if (!results.bulk && !results.bulkLatency)
    checks.push({ target: 'Bulk at concurrency 32 ≥ 5 × concurrency 1', measured: '—' });
  return checks;
}
