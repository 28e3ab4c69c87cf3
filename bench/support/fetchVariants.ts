import { fetch as crossFetch } from 'cross-fetch';
import { LakeFS } from '../../src';
import type { FetchLike } from '../../src/http/types';
import { tlsFetch } from '../../src/node/tlsFetch';
import type { BenchTarget } from './target';

/** The fetch implementations compared: Node's global (undici) fetch and cross-fetch (node-fetch v2). */
export type FetchVariant = 'global' | 'cross-fetch';

/** Every variant, the default first. */
export const FETCH_VARIANTS: readonly FetchVariant[] = ['global', 'cross-fetch'];

/**
 * The fetch a variant uses. node-fetch v2 cannot send WHATWG stream bodies, so streamed uploads with
 * cross-fetch go through `tlsFetch()`, which wraps cross-fetch and converts the stream.
 * @param variant - which implementation
 * @param streamingUploads - whether requests will carry `ReadableStream` bodies
 */
export function fetchFor(variant: FetchVariant, streamingUploads = false): FetchLike {
  if (variant === 'global') return (input, init) => globalThis.fetch(input, init);
  return streamingUploads ? tlsFetch() : crossFetch;
}

/**
 * A lakefs-rx client for the target with the given fetch, all other options at their defaults.
 * @param target - where to connect
 * @param variant - `'global'` is the client's default; `'cross-fetch'` sets the `fetch` option
 * @param streamingUploads - use `tlsFetch()` for cross-fetch, which can send streamed bodies
 */
export function clientFor(target: BenchTarget, variant: FetchVariant, streamingUploads = false): LakeFS {
  const options = { endpoint: target.url, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey };
  if (variant === 'global') return new LakeFS(options);
  return new LakeFS({ ...options, fetch: streamingUploads ? tlsFetch() : 'cross-fetch' });
}
