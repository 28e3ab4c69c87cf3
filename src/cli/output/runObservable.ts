import type { Observable } from 'rxjs';
import { InterruptedError } from './formatError';

/** Anything that can deliver SIGINT / SIGTERM (the process, or a test double). */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: () => void): unknown;
}

/**
 * Subscribes to `source$`, handing each value to `onValue`, and settles when it completes or errors.
 * Ctrl+C unsubscribes — which aborts the in-flight request (and cancels a running import) — then rejects
 * with {@link InterruptedError}.
 * @param source$ - the command's work
 * @param onValue - called for every emitted value
 * @param signals - where interrupts come from @default process
 * @returns a promise of the completion
 */
export function runObservable<T>(
  source$: Observable<T>,
  onValue: (value: T) => void = () => undefined,
  signals: SignalSource = process,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onSignal = (signal: NodeJS.Signals) => (): void => {
      cleanup();
      subscription.unsubscribe();
      reject(new InterruptedError(signal));
    };
    const onInt = onSignal('SIGINT');
    const onTerm = onSignal('SIGTERM');
    const cleanup = (): void => {
      signals.removeListener('SIGINT', onInt);
      signals.removeListener('SIGTERM', onTerm);
    };
    signals.once('SIGINT', onInt);
    signals.once('SIGTERM', onTerm);
    const subscription = source$.subscribe({
      next: onValue,
      error: (error: unknown) => {
        cleanup();
        // Rejects with exactly what the Observable errored with, so callers see the library's error classes.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
      complete: () => {
        cleanup();
        resolve();
      },
    });
  });
}
