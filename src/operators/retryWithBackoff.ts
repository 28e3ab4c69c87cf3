import {
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
  Observable,
  asyncScheduler,
} from 'rxjs';
import { type RetryPolicy, isRetryable, retryDelayMs } from '../http/retryPolicy';

/**
 * Retries the source under a bounded policy: only retryable errors (network errors before a response,
 * the policy's statuses), at most `maxAttempts` attempts in all, waiting `Retry-After` or a full-jitter
 * backoff between attempts. Delays run on `scheduler`, so marble tests drive them in virtual time.
 *
 * Every idempotent request passes through this operator, so it is one subscriber and, only after a
 * failure, one scheduled action, rather than rxjs `retry` with a delay notifier.
 * @example
 * request$.pipe(retryWithBackoff(retryPolicyFrom({ maxAttempts: 3 })))
 */
export function retryWithBackoff<T>(
  policy: RetryPolicy,
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
            const delay =
              retries < maxRetries && isRetryable(error, policy)
                ? retryDelayMs(error, retries + 1, policy)
                : undefined;
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
