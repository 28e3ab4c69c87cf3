/** A stream whose write errors can be listened for (stdout, or a test double). */
export interface ErrorEmitter {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * `lakefs-rx ls | head` closes the pipe after ten lines; the next write fails with `EPIPE`. That is the
 * reader saying it has seen enough, not a failure: end the process at once, quietly and successfully
 * (in-flight requests die with it). Any other write error is rethrown, as Node would have done.
 * @param stream - the output whose reader may go away
 * @param exit - how the process ends @default process.exit
 */
export function exitQuietlyOnBrokenPipe(
  stream: ErrorEmitter,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
