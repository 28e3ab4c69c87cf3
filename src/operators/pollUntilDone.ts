import {
  type Observable,
  type ObservableInput,
  type SchedulerLike,
  asyncScheduler,
  defer,
  repeat,
  takeWhile,
  timer,
} from 'rxjs';

/**
 * Options of {@link pollUntilDone}.
 * @group Operators
 */
export interface PollUntilDoneOptions<T> {
  /** True for the final value: it is emitted, then the stream completes. */
  readonly isDone: (value: T) => boolean;
  /**
   * Pause between the end of one poll and the start of the next, in milliseconds. Measured from the answer
   * rather than on a fixed clock, so a slow server never gets overlapping requests.
   * @default 1000
   */
  readonly intervalMs?: number;
  /** Scheduler for the pauses; a `TestScheduler` runs them in virtual time. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/** Default pause between two polls, in milliseconds. */
export const DEFAULT_POLL_INTERVAL_MS = 1000;

/**
 * Polls until done: subscribes to `poll()` at once, emits everything it emits, waits `intervalMs` after it
 * completes, polls again, and so on until a value satisfies `isDone` (that value is emitted, then the
 * stream completes). Errors of a poll end the stream; unsubscribing stops the pending poll or pause.
 * @param poll - makes one poll; called again for every round
 * @param options - the completion test, the pause and the scheduler
 * @returns a cold Observable of every polled value, ending with the first done one
 * @example
 * pollUntilDone(() => api.importStatus(repo, branch, id), { isDone: (s) => s.completed, intervalMs: 500 })
 * @group Operators
 */
export function pollUntilDone<T>(
  poll: () => ObservableInput<T>,
  options: PollUntilDoneOptions<T>,
): Observable<T> {
  const intervalMs = Math.max(0, options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(poll).pipe(
    repeat({ delay: () => timer(intervalMs, scheduler) }),
    takeWhile((value) => !options.isDone(value), true),
  );
}
