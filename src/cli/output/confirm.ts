import { createInterface } from 'node:readline';
import type { CliIO } from '../CliContext';
import { UsageError } from './formatError';

/**
 * Asks a yes/no question on the terminal before something that cannot be undone. Without a terminal
 * (scripts, pipes) there is nobody to ask and the command goes ahead, as it does with `--yes`.
 * @param io - the run's streams; the question goes to stderr, the answer comes from stdin
 * @param question - what is about to happen
 * @throws UsageError when the answer is not yes, or stdin ends first (the command is not run)
 */
export async function confirm(io: CliIO, question: string): Promise<void> {
  const stdin = io.stdin;
  if (!stdin?.isTTY || !io.stderr.isTTY) return;
  const answer = await new Promise<string>((resolve) => {
    // terminal: false: the terminal echoes what is typed; readline only needs the line
    const prompt = createInterface({ input: stdin, output: io.stderr, terminal: false });
    let answered = false;
    prompt.question(`${question} [y/N] `, (line) => {
      answered = true;
      prompt.close();
      resolve(line);
    });
    prompt.once('close', () => {
      if (!answered) resolve('');
    });
  });
  if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('aborted: not confirmed');
}
