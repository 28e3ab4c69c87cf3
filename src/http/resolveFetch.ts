import { fetch as crossFetch } from 'cross-fetch';
import type { FetchLike } from './types';

/**
 * The fetch to use: the one given, else the global fetch where the runtime has one (Node ≥ 18, browsers),
 * else cross-fetch. `'cross-fetch'` forces cross-fetch.
 */
export function resolveFetch(option?: FetchLike | 'global' | 'cross-fetch'): FetchLike {
  if (typeof option === 'function') return option;
  if (option !== 'cross-fetch' && typeof globalThis.fetch === 'function') {
    return (input, init) => globalThis.fetch(input, init);
  }
  return crossFetch;
}
