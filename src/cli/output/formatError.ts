import { CommanderError } from 'commander';
import { LakeFSError } from '../../errors/LakeFSError';

/**
 * The one-line message the CLI prints for a failure (with the stack and causes when `debug` is on).
 * @param error - whatever the command failed with
 * @param debug - append the stack trace and the chain of causes
 * @returns the text to write to stderr, ending with a newline
 */
export function formatError(error: unknown, debug = false): string {
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof LakeFSError && error.name !== 'LakeFSError' ? `${error.name}: ` : '';
  const line = `lakefs-rx: ${kind}${message.replace(/\s*\n\s*/g, ' ')}\n`;
  if (!debug) return line;
  const details: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    details.push(current.stack ?? `${current.name}: ${current.message}`);
    current = current.cause;
    if (current !== undefined) details.push('caused by:');
  }
  if (current !== undefined && !(current instanceof Error))
    details.push(JSON.stringify(current) ?? 'undefined');
  return `${line}${details.join('\n')}\n`;
}

/**
 * The exit code for a failure: 2 for a usage error (bad option, bad URI), 130 when interrupted, 1 otherwise.
 * @param error - whatever the command failed with
 * @returns the process exit code
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError) return 2;
  if (error instanceof InterruptedError) return 130;
  return 1;
}

/** The user pressed Ctrl+C (or the process got SIGTERM) while a command ran. */
export class InterruptedError extends Error {
  /** @param signal - the signal received */
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
  }
}

/** Arguments that parse but do not make sense together (found inside a command's action). */
export class UsageError extends Error {
  /** @param message - what is wrong with the arguments */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
