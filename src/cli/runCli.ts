import { CommanderError } from 'commander';
import type { CliIO } from './CliContext';
import { createProgram } from './createProgram';
import { exitCodeFor, formatError } from './output/formatError';

/**
 * Runs the CLI once and reports how it ended. Never throws and never exits the process itself.
 * @param argv - the full argument vector (`process.argv` shape: node, script, then arguments)
 * @param io - where output goes (and answers come from) @default the process's stdout, stderr and stdin
 * @returns the exit code: 0 success, 1 failure, 2 usage error, 130 interrupted
 */
export async function runCli(
  argv: readonly string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    // Commander has already printed its own usage errors (and help / version, which exit with 0).
    if (!(error instanceof CommanderError)) {
      io.stderr.write(formatError(error, program.opts<{ debug?: boolean }>().debug === true));
    }
    return exitCodeFor(error);
  }
}
