/** Sizes and repetitions of one benchmark run. */
export interface BenchConfig {
  /** `--quick`: smaller sizes for CI-like runs. */
  readonly quick: boolean;
  /** Measured rounds per configuration (medians are taken over them). */
  readonly rounds: number;
  /** Objects in the listing comparison (§1). */
  readonly listingObjects: number;
  /** Objects listed while sampling the heap. */
  readonly heapObjects: number;
  /** `stat()` calls per batch (§2). */
  readonly statCalls: number;
  /** Bytes per transfer (§3). */
  readonly transferBytes: number;
  /** Uploads per bulk batch (§4). */
  readonly bulkObjects: number;
  /** Round trip added to every API request in the second bulk run (0 skips it). */
  readonly bulkLatencyMs: number;
  /** Uploads per batch in that run. */
  readonly bulkLatencyObjects: number;
  /** Subscribe/unsubscribe cycles. */
  readonly cycles: number;
  /** Sections to run; all when empty. */
  readonly only: readonly string[];
  /** Directory for server CPU profiles (`--profile-server`). */
  readonly serverCpuProfileDir?: string;
  /** Where the report goes. */
  readonly out: string;
  /** `--render=FILE`: only re-render the report from a saved results file. */
  readonly renderFrom?: string;
}

const MiB = 1024 * 1024;

const FULL = {
  rounds: 5,
  listingObjects: 100_000,
  heapObjects: 1_000_000,
  statCalls: 2_000,
  transferBytes: 256 * MiB,
  bulkObjects: 5_000,
  bulkLatencyMs: 5,
  bulkLatencyObjects: 1_000,
  cycles: 10_000,
};

const QUICK = {
  rounds: 3,
  listingObjects: 10_000,
  heapObjects: 20_000,
  statCalls: 500,
  transferBytes: 32 * MiB,
  bulkObjects: 1_000,
  bulkLatencyMs: 5,
  bulkLatencyObjects: 200,
  cycles: 1_000,
};

function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = argv.find((a) => a.startsWith(prefix));
  return hit?.slice(prefix.length);
}

function count(argv: readonly string[], name: string, fallback: number): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

/**
 * Reads the command line: `--quick`, `--rounds=N`, `--only=listing,overhead,transfer,bulk,cycles`,
 * `--listing-objects=N`, `--heap-objects=N`, `--stat-calls=N`, `--transfer-mib=N`, `--bulk-objects=N`,
 * `--bulk-latency-ms=N` (0 skips the bulk run with added latency), `--bulk-latency-objects=N`,
 * `--cycles=N`, `--profile-server[=dir]`, `--out=FILE`, `--render=RESULTS.json` (re-render only).
 */
export function parseConfig(argv: readonly string[]): BenchConfig {
  const quick = argv.includes('--quick');
  const base = quick ? QUICK : FULL;
  const profile = argv.includes('--profile-server') ? '.tmp/bench-profiles' : flag(argv, 'profile-server');
  return {
    quick,
    rounds: count(argv, 'rounds', base.rounds),
    listingObjects: count(argv, 'listing-objects', base.listingObjects),
    heapObjects: count(argv, 'heap-objects', base.heapObjects),
    statCalls: count(argv, 'stat-calls', base.statCalls),
    transferBytes: count(argv, 'transfer-mib', base.transferBytes / MiB) * MiB,
    bulkObjects: count(argv, 'bulk-objects', base.bulkObjects),
    bulkLatencyMs: argv.includes('--bulk-latency-ms=0')
      ? 0
      : count(argv, 'bulk-latency-ms', base.bulkLatencyMs),
    bulkLatencyObjects: count(argv, 'bulk-latency-objects', base.bulkLatencyObjects),
    cycles: count(argv, 'cycles', base.cycles),
    only: (flag(argv, 'only') ?? '').split(',').filter(Boolean),
    ...(profile ? { serverCpuProfileDir: profile } : {}),
    out: flag(argv, 'out') ?? (quick ? '.tmp/BENCHMARKS.quick.md' : 'BENCHMARKS.md'),
    ...(flag(argv, 'render') ? { renderFrom: flag(argv, 'render') } : {}),
  };
}
