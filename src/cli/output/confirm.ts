import { createInterface } from 'node:readline/promises';
import type { CliIO } from '../CliContext';
import { UsageError } from './formatError';

/**
 * Asks a yes/no question on the terminal before something that cannot be undone. Without a terminal
 * (scripts, pipes) there is nobody to ask and the command goes ahead, as it does with `--yes`.
 * @param io - the run's streams; the question goes to stderr, the answer comes from stdin
 * @param question - what is about to happen
 * @throws UsageError when the answer is not yes (the command is not run)
 */
export async function confirm(io: CliIO, question: string): Promise<void> {
  const stdin = io.stdin;
  if (!stdin?.isTTY || !io.stderr.isTTY) return;
  const prompt = createInterface({ input: stdin, output: io.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('aborted: not confirmed');
  } finally {
    prompt.close();
  }
}
