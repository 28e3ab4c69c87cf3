import {
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  asyncScheduler,
  retry,
  throwError,
  timer,
} from 'rxjs';
import { type RetryPolicy, isRetryable, retryDelayMs } from '../http/retryPolicy';

/**
 * Retries the source under a bounded policy: only retryable errors (network errors before a response,
 * the policy's statuses), at most `maxAttempts` attempts in all, waiting `Retry-After` or a full-jitter
 * backoff between attempts. Delays run on `scheduler`, so marble tests drive them in virtual time.
 * @example
 * request$.pipe(retryWithBackoff(retryPolicyFrom({ maxAttempts: 3 })))
 */
export function retryWithBackoff<T>(
  policy: RetryPolicy,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  return retry<T>({
    count: Math.max(0, policy.maxAttempts - 1),
    delay: (error: unknown, retryIndex: number) => {
      if (!isRetryable(error, policy)) return throwError(() => error);
      const delay = retryDelayMs(error, retryIndex, policy);
      return delay === undefined ? throwError(() => error) : timer(delay, scheduler);
    },
  });
}
