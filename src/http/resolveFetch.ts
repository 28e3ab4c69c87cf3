import { fetch as crossFetch } from 'cross-fetch';
import type { FetchLike } from './types';
import { nodeProcess } from './nodeProcess';
import { webBodyResponse } from './webBodyResponse';

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** A body node-fetch cannot send: WHATWG streams and Blobs (it takes Node streams and buffers). */
function isStreamedBody(body: RequestInit['body']): boolean {
  return (
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) ||
    (typeof Blob !== 'undefined' && body instanceof Blob)
  );
}

/**
 * cross-fetch in Node is node-fetch v2: its answers carry Node streams, which are adapted to web streams,
 * and it cannot send web stream or Blob bodies, which go to the global fetch instead.
 */
const crossFetchInNode: FetchLike = (input, init) =>
  init?.body != null && isStreamedBody(init.body) && typeof globalThis.fetch === 'function'
    ? globalFetch(input, init)
    : crossFetch(input, init).then(webBodyResponse);

/**
 * The fetch to use: the one given, else the global fetch where the runtime has one (Node ≥ 18, browsers),
 * else cross-fetch, which `'cross-fetch'` forces.
 *
 * The default stays the global fetch although cross-fetch costs less per request in Node 20
 * (BENCHMARKS.md §5): node-fetch v2 never ends a body the server cut short of its Content-Length, so a
 * truncated answer would wait for the idle timeout instead of failing at once with a `NetworkError`.
 */
export function resolveFetch(option?: FetchLike | 'global' | 'cross-fetch'): FetchLike {
  if (typeof option === 'function') return option;
  const hasGlobal = typeof globalThis.fetch === 'function';
  if (option !== 'cross-fetch' && hasGlobal) return globalFetch;
  return nodeProcess() ? crossFetchInNode : crossFetch;
}
