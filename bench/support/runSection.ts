import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { BenchConfig } from './config';
import type { SectionName, SectionResult } from './sections';
import type { BenchTarget } from './target';

/**
 * Runs one section in a fresh child process (with `--expose-gc`) and resolves with what it sends back.
 * @param name - the section
 * @param target - where it sends requests
 * @param config - sizes and rounds
 * @param args - section-specific arguments (e.g. which transfer variant)
 */
export function runSection<N extends SectionName>(
  name: N,
  target: BenchTarget,
  config: BenchConfig,
  args: Record<string, unknown> = {},
): Promise<SectionResult<N>> {
  return new Promise((ok, fail) => {
    const child = fork(join(__dirname, 'sectionProcess.ts'), [name], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: {
        ...process.env,
        BENCH_TARGET: JSON.stringify(target),
        BENCH_CONFIG: JSON.stringify(config),
        BENCH_ARGS: JSON.stringify(args),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: SectionResult<N> | undefined;
    child.on('message', (message) => (result = message as SectionResult<N>));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 && result !== undefined
        ? ok(result)
        : fail(new Error(`section ${name} failed (exit ${code})`)),
    );
  });
}
