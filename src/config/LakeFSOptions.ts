import type { SchedulerLike } from 'rxjs';
import type { FetchLike, RetryOptions } from '../http/types';

/**
 * Options of the {@link LakeFS} client. Every field is optional when the environment supplies it.
 * @group Client
 */
export interface LakeFSOptions {
  /** Server URL, with or without `/api/v1`. @default env `LAKECTL_SERVER_ENDPOINT_URL` / `LAKEFS_ENDPOINT` */
  readonly endpoint?: string;
  /** Access key id. @default env `LAKECTL_CREDENTIALS_ACCESS_KEY_ID` / `LAKEFS_ACCESS_KEY_ID` */
  readonly accessKeyId?: string;
  /** Secret access key. @default env `LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY` / `LAKEFS_SECRET_ACCESS_KEY` */
  readonly secretAccessKey?: string;
  /** A bearer token used instead of the key pair. @default env `LAKECTL_CREDENTIALS_SESSION_TOKEN` */
  readonly sessionToken?: string;
  /**
   * The fetch to use, or `'global'` / `'cross-fetch'`. In Node, `'cross-fetch'` (node-fetch) costs less
   * per request but waits for the idle timeout on a body cut short; streamed and Blob uploads then still
   * go through the global fetch, which can send them.
   * @default the global fetch where the runtime has one, else cross-fetch
   */
  readonly fetch?: FetchLike | 'global' | 'cross-fetch';
  /** Retry policy: attempts after the first, `false` to disable, or a full policy. @default 3 retries */
  readonly retry?: number | boolean | RetryOptions;
  /** Time allowed until response headers arrive, in ms; 0 disables. @default 60000 */
  readonly timeoutMs?: number;
  /** Time allowed between two chunks of a body, in ms; 0 disables. @default 60000 */
  readonly idleTimeoutMs?: number;
  /**
   * Largest JSON answer the client reads into memory, in bytes; a larger one fails with
   * `ResponseTooLargeError` instead of being buffered (a lakeFS page of 1,000 rows is a few MiB at most).
   * 0 disables the cap. @default 67108864 (64 MiB)
   */
  readonly maxJsonBytes?: number;
  /** `User-Agent` header (ignored by browsers). @default `lakefs-rx/<version>` */
  readonly userAgent?: string;
  /**
   * Use presigned URLs for object data when the server supports them: `true`, `false`, or `'auto'` to follow
   * the server's `pre_sign_support`. Per-call `presign` options override it. @default 'auto'
   */
  readonly presign?: boolean | 'auto';
  /** Scheduler for retries, timeouts and polling (tests pass a TestScheduler). @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * The connection settings after precedence was applied.
 * @group Client
 */
export interface ResolvedConnection {
  readonly endpoint: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
}
