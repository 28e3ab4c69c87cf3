import { fetch as crossFetch } from 'cross-fetch';
import type { LakeFS } from '../../src';
import type { FetchLike } from '../../src/http/types';
import { lakefsRx } from './lakefsRx';
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
  return streamingUploads ? lakefsRx().tlsFetch() : crossFetch;
}

/** Options of {@link clientFor}. */
export interface ClientVariantOptions {
  /** Use `tlsFetch()` for cross-fetch, which can send streamed bodies. @default false */
  readonly streamingUploads?: boolean;
  /**
   * The client's `presign` option. `false` makes transfers use the same requests as the raw baselines;
   * the default `'auto'` follows the server (the local server presigns). @default false
   */
  readonly presign?: boolean | 'auto';
}

/**
 * A lakefs-rx client for the target with the given fetch; options other than `fetch` and `presign` stay
 * at their defaults.
 * @param target - where to connect
 * @param variant - `'global'` is the client's default; `'cross-fetch'` sets the `fetch` option
 * @param options - see {@link ClientVariantOptions}
 */
export function clientFor(
  target: BenchTarget,
  variant: FetchVariant,
  options: ClientVariantOptions = {},
): LakeFS {
  const base = {
    endpoint: target.url,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    presign: options.presign ?? false,
  };
  const { LakeFS, tlsFetch } = lakefsRx();
  if (variant === 'global') return new LakeFS(base);
  return new LakeFS({ ...base, fetch: options.streamingUploads ? tlsFetch() : 'cross-fetch' });
}
