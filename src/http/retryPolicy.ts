import { NetworkError } from '../errors/clientErrors';
import { ServerError } from '../errors/ServerError';
import type { RetryOptions } from './types';

/** A retry policy with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** Defaults of {@link RetryOptions}, documented there. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  statusCodes: [429, 502, 503, 504],
  retryNonIdempotent: false,
  random: Math.random,
};

/** Accepts `retry: 3` (attempts after the first) or a full options object; `0` or `false` disables. */
export function retryPolicyFrom(option: number | boolean | RetryOptions | undefined): RetryPolicy {
  if (option === undefined || option === true) return defaultRetryPolicy;
  if (option === false) return { ...defaultRetryPolicy, maxAttempts: 1 };
  if (typeof option === 'number') return { ...defaultRetryPolicy, maxAttempts: Math.max(1, option + 1) };
  return { ...defaultRetryPolicy, ...stripUndefined(option) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether `error` is worth another attempt under `policy`. */
export function isRetryable(error: unknown, policy: RetryPolicy): boolean {
  if (error instanceof NetworkError) return error.beforeResponse;
  if (error instanceof ServerError) return policy.statusCodes.includes(error.status);
  return false;
}

/**
 * Delay before retry number `retryIndex` (1-based): the server's `Retry-After` when it sent one,
 * else full jitter over an exponentially growing window. Returns `undefined` when a `Retry-After`
 * exceeds `maxRetryAfterMs` (the caller then gives up).
 */
export function retryDelayMs(error: unknown, retryIndex: number, policy: RetryPolicy): number | undefined {
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
