/**
 * Child-process entry that runs one benchmark section and sends its result to the parent over IPC.
 * Each section runs in a fresh process so that one section's heap, JIT state and RSS never colour
 * another's figures. Run through {@link runSection}.
 */
import { SECTIONS, type SectionName } from './sections';
import type { BenchConfig } from './config';
import type { BenchTarget } from './target';

async function main(): Promise<void> {
  const name = process.argv[2] as SectionName;
  const section = SECTIONS[name];
  if (!section) throw new Error(`unknown section ${name}`);
  const target = JSON.parse(process.env.BENCH_TARGET ?? '') as BenchTarget;
  const config = JSON.parse(process.env.BENCH_CONFIG ?? '') as BenchConfig;
  const args = JSON.parse(process.env.BENCH_ARGS ?? '{}') as Record<string, unknown>;
  const result = await section(target, config, args);
  process.send!(result, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
