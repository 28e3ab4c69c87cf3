import { ApiError, notFound } from '../http/ApiError';

/**
 * Runs `lookup`, re-wording its 404 the way lakeFS words that failure at this call site (clients show
 * the message to users, and lakeFS's names what was not found).
 * @param message - the 404 message to answer instead
 * @param lookup - the lookup that may fail with 404
 * @returns what `lookup` returns
 */
export function notFoundAs<T>(message: string, lookup: () => T): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw notFound(message);
    throw error;
  }
}
