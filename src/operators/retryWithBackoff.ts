import {
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
  Observable,
  asyncScheduler,
} from 'rxjs';

/**
 * What {@link retryWithBackoff} needs to know: how many attempts, and whether and when to try again.
 * @group Operators
 */
export interface BackoffPolicy {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  /**
   * The wait before retry number `retryIndex` (1-based) after `error`, or `undefined` to give up with it.
   * `retryPolicyFrom()` builds one that retries network errors, timeouts and the policy's statuses,
   * honouring `Retry-After`, with full-jitter backoff.
   */
  delayBeforeRetry(error: unknown, retryIndex: number): number | undefined;
}

/**
 * Retries the source under a bounded policy: at most `maxAttempts` attempts in all, each retry after the
 * wait the policy gives for that error (none: the error is final). Delays run on `scheduler`, so marble
 * tests drive them in virtual time.
 *
 * Every idempotent request passes through this operator, so it is one subscriber and, only after a
 * failure, one scheduled action, rather than rxjs `retry` with a delay notifier.
 * @example
 * request$.pipe(retryWithBackoff(retryPolicyFrom({ maxAttempts: 3 })))
 * @group Operators
 */
export function retryWithBackoff<T>(
  policy: BackoffPolicy,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  const maxRetries = Math.max(0, policy.maxAttempts - 1);
  return (source) =>
    new Observable<T>((subscriber) => {
      let retries = 0;
      let attempt: Subscription | undefined;
      let wait: Subscription | undefined;
      const subscribe = (): void => {
        attempt = source.subscribe({
          next: (value) => subscriber.next(value),
          complete: () => subscriber.complete(),
          error: (error: unknown) => {
            const delay = retries < maxRetries ? policy.delayBeforeRetry(error, retries + 1) : undefined;
            if (delay === undefined) {
              subscriber.error(error);
              return;
            }
            retries++;
            wait = scheduler.schedule(subscribe, delay);
          },
        });
      };
      subscribe();
      return () => {
        wait?.unsubscribe();
        attempt?.unsubscribe();
      };
    });
}
