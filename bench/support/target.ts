import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/** Where the benchmarks send their requests; plain data, so it can be handed to child processes. */
export interface BenchTarget {
  /** `local`: the local server in a child process; `lakefs`: a real lakeFS from the environment. */
  readonly kind: 'local' | 'lakefs';
  /** Base URL (the API is under `/api/v1`). */
  readonly url: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The local server's CPU/memory probe; absent for a real lakeFS. */
  readonly probeUrl?: string;
}

/** A running target and how to stop it. */
export interface RunningTarget {
  readonly target: BenchTarget;
  stop(): Promise<void>;
}

/** Options of {@link openTarget}. */
export interface OpenTargetOptions {
  /** Write a V8 CPU profile of the server process into this directory. @default none */
  readonly serverCpuProfileDir?: string;
  /**
   * Delay every API request of the local server by this much, standing in for the round trip to a
   * remote lakeFS (ignored for a real lakeFS). @default 0
   */
  readonly latencyMs?: number;
}

/** The real lakeFS named by `LAKEFS_TEST_ENDPOINT` and its key pair, if set. */
export function lakeFSFromEnv(env: NodeJS.ProcessEnv = process.env): BenchTarget | undefined {
  if (!env.LAKEFS_TEST_ENDPOINT) return undefined;
  return {
    kind: 'lakefs',
    url: env.LAKEFS_TEST_ENDPOINT.replace(/\/+$/, '').replace(/\/api\/v1$/, ''),
    accessKeyId: env.LAKEFS_TEST_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.LAKEFS_TEST_SECRET_ACCESS_KEY ?? '',
  };
}

/**
 * A real lakeFS when the environment names one, else a fresh local server in its own process.
 * @param options - see {@link OpenTargetOptions}
 * @returns the target, with `stop()` ending the child process (a no-op for a real lakeFS)
 */
export async function openTarget(options: OpenTargetOptions = {}): Promise<RunningTarget> {
  const real = lakeFSFromEnv();
  if (real) return { target: real, stop: async () => undefined };
  const profile = options.serverCpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.serverCpuProfileDir}`]
    : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...profile, join(__dirname, 'serverProcess.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_SERVER_LATENCY_MS: String(options.latencyMs ?? 0) },
    },
  );
  const target = await firstLine(child);
  return {
    target,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

function firstLine(child: ChildProcess): Promise<BenchTarget> {
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => fail(new Error(`server process exited early (code ${code})`)));
    lines.once('line', (line) => {
      const parsed = JSON.parse(line) as Omit<BenchTarget, 'kind'>;
      ok({ kind: 'local', ...parsed });
    });
  });
}
