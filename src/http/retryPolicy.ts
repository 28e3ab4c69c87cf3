import { NetworkError, TimeoutError } from '../errors/clientErrors';
import { ServerError } from '../errors/ServerError';
import type { BackoffPolicy } from '../operators/retryWithBackoff';
import type { RetryOptions } from './types';

/**
 * A retry policy with every default filled in, usable with {@link retryWithBackoff}.
 * @group Client
 */
export type RetryPolicy = Required<RetryOptions> & BackoffPolicy;

/**
 * Defaults of {@link RetryOptions}, documented there.
 * @group Client
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  statusCodes: [429, 502, 503, 504],
  retryNonIdempotent: false,
  random: Math.random,
  // a method, not a closure: a spread copy with other fields (`{ ...policy, maxAttempts: 2 }`) uses them
  delayBeforeRetry(this: RetryPolicy, error: unknown, retryIndex: number): number | undefined {
    return isRetryable(error, this) ? retryDelayMs(error, retryIndex, this) : undefined;
  },
};

/**
 * Accepts `retry: 3` (attempts after the first) or a full options object; `0` or `false` disables.
 * @group Client
 */
export function retryPolicyFrom(option: number | boolean | RetryOptions | undefined): RetryPolicy {
  if (option === undefined || option === true) return defaultRetryPolicy;
  if (option === false) return { ...defaultRetryPolicy, maxAttempts: 1 };
  if (typeof option === 'number') return { ...defaultRetryPolicy, maxAttempts: Math.max(1, option + 1) };
  return { ...defaultRetryPolicy, ...stripUndefined(option) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Whether `error` is worth another attempt of an idempotent request under `policy`: a network error or a
 * timeout (the request may not have arrived, and applying it twice does no harm), or one of the policy's
 * statuses. The transport never retries a stream whose chunks were already delivered.
 */
export function isRetryable(error: unknown, policy: Pick<RetryPolicy, 'statusCodes'>): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  if (error instanceof ServerError) return policy.statusCodes.includes(error.status);
  return false;
}

/**
 * Delay before retry number `retryIndex` (1-based): the server's `Retry-After` when it sent one,
 * else full jitter over an exponentially growing window. Returns `undefined` when a `Retry-After`
 * exceeds `maxRetryAfterMs` (the caller then gives up).
 */
export function retryDelayMs(
  error: unknown,
  retryIndex: number,
  policy: Omit<RetryPolicy, 'delayBeforeRetry'>,
): number | undefined {
  const retryAfter = error instanceof ServerError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined) return retryAfter > policy.maxRetryAfterMs ? undefined : retryAfter;
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryIndex - 1));
  return Math.floor(policy.random() * window);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
