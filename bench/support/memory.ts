import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | undefined;

/** Runs a full garbage collection (uses `global.gc` from `--expose-gc`, or enables it at run time). */
export function forceGc(): void {
  if (!collector) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collector = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    }
  }
  collector();
  collector();
}

/** Peak resident set size reached while `work` ran, relative to the RSS just before it (after a GC). */
export interface RssGrowth<T> {
  readonly value: T;
  readonly baselineRss: number;
  readonly peakRss: number;
  readonly growthBytes: number;
}

/**
 * Runs `work`, sampling RSS every `intervalMs` and reading the process's lifetime peak (`maxRSS`) before
 * and after, so that short spikes between samples are not missed.
 */
export async function measureRssGrowth<T>(work: () => Promise<T>, intervalMs = 5): Promise<RssGrowth<T>> {
  forceGc();
  const baselineRss = process.memoryUsage.rss();
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = baselineRss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
    return { value, baselineRss, peakRss: peak, growthBytes: Math.max(0, peak - baselineRss) };
  } finally {
    clearInterval(timer);
  }
}
