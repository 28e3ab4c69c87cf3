/**
 * A `fetch` implementation: the global one, cross-fetch, or a test double.
 * @group Client
 */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * HTTP methods the lakeFS API uses.
 * @group Client
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/**
 * Query values: `undefined` is dropped, arrays become repeated parameters.
 * @group Client
 */
export type QueryValue = string | number | boolean | undefined | readonly string[];

/**
 * Bodies the transport can send; streams are sent without buffering.
 * @group Client
 */
export type RequestBody = string | Uint8Array | Blob | ReadableStream<Uint8Array>;

/**
 * A request body, or a function that makes a fresh one for every attempt. Strings, bytes, Blobs and
 * functions can be sent again, so a retry resends them; a bare `ReadableStream` is one-shot and is not.
 * @group Client
 */
export type RequestBodySource = RequestBody | (() => RequestBody);

/**
 * One request, described independently of fetch.
 * @group Client
 */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path below the API root (`/api/v1`), already percent-encoded per segment. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; sets `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Raw body, or a function making a fresh one per attempt (see {@link RequestBodySource}). */
  readonly body?: RequestBodySource;
  /**
   * Whether the request may be retried (its effect is the same when applied twice). Defaults to true for
   * GET, HEAD, PUT and DELETE, false otherwise (a commit or a merge is never sent twice). A one-shot stream
   * body is never resent whatever this says.
   */
  readonly idempotent?: boolean;
  /** A full URL that bypasses the endpoint and authentication (presigned URLs). */
  readonly absoluteUrl?: string;
  /** Marks an object request, so that a 404 becomes `ObjectNotFoundError`. */
  readonly objectRequest?: boolean;
  /** What the request addresses in the user's terms (`branch "main" of repository "r"`), for a 404's message. */
  readonly subject?: string;
  /** Statuses that are not errors for this request (e.g. 302 for presigned redirects). */
  readonly acceptStatus?: readonly number[];
}

/**
 * Retry policy (DESIGN.md §4): bounded, exponential backoff with full jitter.
 * @group Client
 */
export interface RetryOptions {
  /** Total attempts including the first. @default 4 */
  readonly maxAttempts?: number;
  /** Backoff base: attempt n waits a random time in [0, baseDelayMs × 2^(n-1)]. @default 200 */
  readonly baseDelayMs?: number;
  /** Cap of a single backoff delay. @default 10000 */
  readonly maxDelayMs?: number;
  /** Longest `Retry-After` honoured; a longer one fails instead of waiting. @default 60000 */
  readonly maxRetryAfterMs?: number;
  /** Statuses that are retried. @default [429, 502, 503, 504] */
  readonly statusCodes?: readonly number[];
  /** Retry requests that are not idempotent too (never recommended for commits or merges). @default false */
  readonly retryNonIdempotent?: boolean;
  /** Source of randomness for jitter, in [0, 1). @default Math.random */
  readonly random?: () => number;
}
