/**
 * `npm run bench`: runs every section against the local server (in a child process) or against the real
 * lakeFS named by `LAKEFS_TEST_ENDPOINT`, and writes the report (BENCHMARKS.md by default).
 *
 * Flags: `--quick` (small sizes, report in .tmp/), `--rounds=N`, `--only=listing,heap,overhead,clientCost,transfer,bulk,bulkLatency,cycles,s3`,
 * `--profile-server[=dir]` (V8 CPU profiles of the server process), `--out=FILE`, `--render=RESULTS.json`;
 * see support/config.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { benchS3Gateway, renderS3Gateway } from './s3Gateway';
import { TRANSFER_RUNS, summarizeTransfers, type TransferRun } from './transfer';
import { parseConfig, type BenchConfig } from './support/config';
import { buildBundle } from './support/lakefsRx';
import { log } from './support/log';
import { loadAverage, machineInfo } from './support/machine';
import { keptAnalysis, renderReport } from './support/report';
import type { RunResults } from './support/results';
import { runSection } from './support/runSection';
import type { SectionName, SectionResult } from './support/sections';
import { lakeFSFromEnv, openTarget } from './support/target';

/** Report sections, in the order they run. */
const ORDER = [
  'listing',
  'heap',
  'overhead',
  'clientCost',
  'transfer',
  'bulk',
  'bulkLatency',
  'cycles',
  's3',
] as const;

/** Runs one section against a fresh server, so no section inherits another's data or memory. */
async function withServer<N extends SectionName>(
  config: BenchConfig,
  name: N,
  args: Record<string, unknown> = {},
  latencyMs = 0,
): Promise<SectionResult<N>> {
  const running = await openTarget({
    ...(config.serverCpuProfileDir ? { serverCpuProfileDir: config.serverCpuProfileDir } : {}),
    latencyMs,
  });
  try {
    return await runSection(name, running.target, config, args);
  } finally {
    await running.stop();
  }
}

async function transfers(config: BenchConfig): Promise<RunResults['transfer']> {
  const runs: TransferRun[] = [];
  for (let round = 0; round < config.rounds; round++) {
    const running = await openTarget(
      config.serverCpuProfileDir ? { serverCpuProfileDir: config.serverCpuProfileDir } : {},
    );
    try {
      // rotate the order so that no kind always runs first or last in a round
      for (let i = 0; i < TRANSFER_RUNS.length; i++) {
        const args = TRANSFER_RUNS[(i + round) % TRANSFER_RUNS.length]!;
        runs.push(await runSection('transfer', running.target, config, { ...args }));
      }
    } finally {
      await running.stop();
    }
    log(`transfer: round ${round + 1}/${config.rounds} done`);
  }
  return summarizeTransfers(runs);
}

async function section<T>(name: string, config: BenchConfig, run: () => Promise<T>): Promise<T | undefined> {
  if (config.only.length && !config.only.includes(name)) return undefined;
  log(`${name}: start`);
  const start = performance.now();
  try {
    const result = await run();
    log(`${name}: done in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    return result;
  } catch (error) {
    log(`${name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function writeReport(out: string, results: RunResults): void {
  mkdirSync(dirname(out), { recursive: true });
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
  // the S3 gateway section renders itself, after the rest
  const s3 = results.s3 ? `\n${renderS3Gateway(results.s3)}` : '';
  writeFileSync(out, renderReport(results, keptAnalysis(previous)) + s3);
}

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2));
  if (config.renderFrom) {
    writeReport(config.out, JSON.parse(readFileSync(config.renderFrom, 'utf8')) as RunResults);
    log(`wrote ${config.out} from ${config.renderFrom}`);
    return;
  }
  const startedAt = new Date().toISOString();
  const loadStart = loadAverage();
  const start = performance.now();
  log(
    `target: ${lakeFSFromEnv()?.url ?? 'local server (child process)'}; ${config.quick ? 'quick' : 'full'} run`,
  );
  buildBundle();
  const unknown = config.only.filter((name) => !(ORDER as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`unknown sections: ${unknown.join(', ')} (known: ${ORDER.join(', ')})`);
  const listing = await section('listing', config, () => withServer(config, 'listing'));
  const heap = await section('heap', config, () => withServer(config, 'listingHeap'));
  const overhead = await section('overhead', config, () => withServer(config, 'overhead'));
  const clientCost = await section('clientCost', config, () => withServer(config, 'clientCost'));
  const transfer = await section('transfer', config, () => transfers(config));
  const bulk = await section('bulk', config, () => withServer(config, 'bulk'));
  const bulkLatency =
    config.bulkLatencyMs > 0 && lakeFSFromEnv() === undefined
      ? await section('bulkLatency', config, () =>
          withServer(
            config,
            'bulk',
            {
              objects: config.bulkLatencyObjects,
              rounds: Math.min(3, config.rounds),
              latencyMs: config.bulkLatencyMs,
            },
            config.bulkLatencyMs,
          ),
        )
      : undefined;
  const cycles = await section('cycles', config, () => withServer(config, 'cycles'));
  const s3 = await section('s3', config, () => benchS3Gateway(config));
  const results: RunResults = {
    config,
    machine: machineInfo(),
    target: lakeFSFromEnv() ? 'lakefs' : 'local',
    startedAt,
    durationMs: performance.now() - start,
    load: { start: loadStart, end: loadAverage() },
    ...(listing ? { listing } : {}),
    ...(heap ? { heap } : {}),
    ...(overhead ? { overhead } : {}),
    ...(clientCost ? { clientCost } : {}),
    ...(transfer ? { transfer } : {}),
    ...(bulk ? { bulk } : {}),
    ...(bulkLatency ? { bulkLatency } : {}),
    ...(cycles ? { cycles } : {}),
    ...(s3 ? { s3 } : {}),
  };
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
  writeReport(config.out, results);
  log(`wrote ${config.out} (raw figures in .tmp/bench-results.json)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
