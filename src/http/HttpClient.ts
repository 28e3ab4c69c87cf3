import type * as t from 'io-ts';
import {
  EMPTY,
  Observable,
  type SchedulerLike,
  asyncScheduler,
  catchError,
  concatMap,
  of,
  throwError,
} from 'rxjs';
import { DecodeError, NetworkError, ResponseTooLargeError, TimeoutError } from '../errors/clientErrors';
import { ServerError } from '../errors/ServerError';
import { idleTimeout } from '../operators/idleTimeout';
import { retryWithBackoff } from '../operators/retryWithBackoff';
import { cancellableFetch } from './cancellableFetch';
import type { Credentials } from './Credentials';
import { decodeOrThrow } from './decode';
import { failureOf } from './errorFromResponse';
import { readCappedText } from './readCappedText';
import { readChunks } from './readChunks';
import { Redactor } from './Redactor';
import { type RetryPolicy, isRetryable } from './retryPolicy';
import {
  type RequestShaping,
  attemptBody,
  isReplayable,
  originOf,
  requestInit,
  requestUrl,
} from './shapeRequest';
import type { FetchLike, HttpRequest } from './types';

/**
 * Everything the transport needs; built by the client from its options.
 * @group Client
 */
export interface HttpClientConfig {
  /** API root, e.g. `http://127.0.0.1:8000/api/v1`. */
  readonly apiRoot: string;
  readonly fetch: FetchLike;
  readonly credentials: Credentials;
  readonly retry: RetryPolicy;
  /** Time allowed until response headers arrive; 0 disables. */
  readonly timeoutMs: number;
  /** Time allowed between two body chunks; 0 disables. */
  readonly idleTimeoutMs: number;
  readonly userAgent: string;
  /** Largest JSON answer read into memory, in bytes; 0 disables the cap. @default 64 MiB */
  readonly maxJsonBytes?: number;
  readonly scheduler?: SchedulerLike;
}

/** Default of {@link HttpClientConfig.maxJsonBytes}: far above any lakeFS page (1,000 rows). */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;

/**
 * One part of a streamed download: first the answer's status and headers, then its body chunks.
 * @group Client
 */
export type DownloadPart =
  | { readonly type: 'response'; readonly status: number; readonly headers: Headers }
  | { readonly type: 'chunk'; readonly chunk: Uint8Array };

/**
 * An answer handed over to its reader, who reads `response.body` at its own pace and calls `abort()` when
 * it stops early (reading to the end needs no call).
 * @group Client
 */
export interface OpenedResponse {
  /** The answer, its body not yet read. */
  readonly response: Response;
  /** Stops the download (the connection is closed); needed only when the reader stops early. */
  abort(): void;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

const ONE_SHOT =
  'not resent: the body was a one-shot stream; upload a string, bytes, a Blob or a file (uploadFromFile) to have it retried';

/**
 * The transport's facade: every method returns a cold Observable, subscribing sends the request,
 * unsubscribing aborts it. It composes the parts, each in its own file: `cancellableFetch` (fetch,
 * abort, timers), `shapeRequest` (URL, headers, body), `errorFromResponse`, `Redactor`, and here the
 * retry gating and the ways to read an answer.
 * @group Client
 */
export class HttpClient {
  private readonly redactor: Redactor;
  private readonly shaping: RequestShaping;
  private readonly apiOrigin: string;

  constructor(private readonly config: HttpClientConfig) {
    this.redactor = new Redactor(config.credentials);
    this.shaping = { apiRoot: config.apiRoot, userAgent: config.userAgent, credentials: config.credentials };
    this.apiOrigin = originOf(config.apiRoot);
  }

  /** The API root requests go to. */
  get apiRoot(): string {
    return this.config.apiRoot;
  }

  /** The client's retry policy, for callers that settle a lost answer themselves before resending. */
  get retryPolicy(): RetryPolicy {
    return this.config.retry;
  }

  /** The scheduler timers and retries run on. */
  get scheduler(): SchedulerLike {
    return this.config.scheduler ?? asyncScheduler;
  }

  /** Sends `request` and decodes its JSON answer with `codec`; an answer above `maxJsonBytes` fails. */
  json<A>(request: HttpRequest, codec: t.Decoder<unknown, A>): Observable<A> {
    const limit = this.config.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
    return this.retrying(
      request,
      this.send(request, (response) =>
        this.bodyOf(response, request, limit).then((text) => {
          const what = `${request.method} ${request.path}`;
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            return this.decode(codec, text, `${what} (not JSON)`);
          }
          return this.decode(codec, parsed, what);
        }),
      ),
    );
  }

  /** Sends `request` and emits its body as text. */
  text(request: HttpRequest): Observable<string> {
    return this.retrying(
      request,
      this.send(request, (response) => this.bodyOf(response, request, 0)),
    );
  }

  /** Sends `request`, discards the body, emits `undefined` once. */
  void(request: HttpRequest): Observable<void> {
    return this.retrying(
      request,
      this.send(request, (response) => this.bodyOf(response, request, 0).then(() => undefined)),
    );
  }

  /** Sends `request` and hands the answer's headers to `handle`, without reading the body. */
  response<T>(request: HttpRequest, handle: (response: Response) => T): Observable<T> {
    return this.retrying(
      request,
      this.send(request, (response) => {
        response.body?.cancel().catch(() => undefined);
        return Promise.resolve(handle(response));
      }),
    );
  }

  /**
   * Streams an answer as explicit events: `{ type: 'response', status, headers }` once the headers are
   * in, then `{ type: 'chunk', chunk }` per body chunk, then completion. A stalled body fails with
   * `TimeoutError` (idle-body). Retried only until the first chunk was delivered.
   */
  download(request: HttpRequest): Observable<DownloadPart> {
    const attempt = this.send(request, (response) => {
      const head: DownloadPart = { type: 'response', status: response.status, headers: response.headers };
      if (!response.body) return of(head);
      return new Observable<DownloadPart>((subscriber) => {
        subscriber.next(head);
        return this.streamed(request, response.body as ReadableStream<Uint8Array>).subscribe({
          next: (chunk) => subscriber.next({ type: 'chunk', chunk }),
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
      });
    });
    return this.retrying(request, attempt, true);
  }

  /** Streams an answer's body as chunks (the headers dropped), with {@link HttpClient.download}'s retry rules. */
  chunks(request: HttpRequest): Observable<Uint8Array> {
    return this.download(request).pipe(concatMap((part) => (part.type === 'chunk' ? of(part.chunk) : EMPTY)));
  }

  /**
   * Sends `request` and hands the answer over for reading with backpressure: emits one
   * {@link OpenedResponse} and completes. From then on the body belongs to the caller, who aborts it with
   * `abort()` (or by cancelling the body); unsubscribing earlier aborts the request.
   */
  open(request: HttpRequest): Observable<OpenedResponse> {
    return this.retrying(
      request,
      new Observable<OpenedResponse>((subscriber) => {
        const controller = new AbortController();
        const forward = (): void => controller.abort();
        const sent = this.send(
          request,
          (response) => Promise.resolve({ response, abort: forward }),
          controller.signal,
        ).subscribe(subscriber);
        return () => sent.unsubscribe();
      }),
    );
  }

  /** One attempt: shaping, the cancellable fetch, the status check, then `read`. */
  private send<T>(
    request: HttpRequest,
    read: (response: Response) => Promise<T> | Observable<T>,
    external?: AbortSignal,
  ): Observable<T> {
    const config = this.config;
    const what = (): string => `${request.method} ${request.path}`;
    return cancellableFetch<T>({
      fetch: config.fetch,
      url: requestUrl(this.shaping, request),
      body: () => attemptBody(request),
      init: (signal, body) =>
        requestInit(this.shaping, request, body, external ? anySignal(signal, external) : signal),
      responseTimeoutMs: config.timeoutMs,
      idleTimeoutMs: config.idleTimeoutMs,
      scheduler: this.scheduler,
      timeout: (phase, ms) => new TimeoutError(phase, ms, what()),
      failed: (error, gotResponse) => this.networkError(request, error, !gotResponse),
      handle: (response) => {
        const ok = response.ok || (request.acceptStatus ?? []).includes(response.status);
        return ok ? read(response) : failureOf(request, response, this.redactor);
      },
    });
  }

  /**
   * Retries an idempotent request under the client's policy: a one-shot stream body is never resent (its
   * error says so), a streamed answer only until its first chunk was delivered.
   */
  private retrying<T>(request: HttpRequest, attempt: Observable<T>, streamed = false): Observable<T> {
    const policy = this.config.retry;
    const idempotent = request.idempotent ?? IDEMPOTENT.has(request.method);
    if (!(idempotent || policy.retryNonIdempotent) || policy.maxAttempts <= 1) return attempt;
    if (!isReplayable(request.body))
      return attempt.pipe(
        catchError((error: unknown) => {
          if (isRetryable(error, policy) && error instanceof Error) error.message += `; ${ONE_SHOT}`;
          return throwError(() => error);
        }),
      );
    if (!streamed) return attempt.pipe(retryWithBackoff(policy, this.scheduler));
    return new Observable<T>((subscriber) => {
      let delivered = false;
      const guarded = {
        maxAttempts: policy.maxAttempts,
        delayBeforeRetry: (error: unknown, index: number) =>
          delivered ? undefined : policy.delayBeforeRetry(error, index),
      };
      return attempt.pipe(retryWithBackoff(guarded, this.scheduler)).subscribe({
        next: (value) => {
          if ((value as { type?: string }).type === 'chunk') delivered = true;
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
  }

  /** Reads a body in one piece; a failure mid-body is a `NetworkError` that says it struck after the headers. */
  private bodyOf(response: Response, request: HttpRequest, limit: number): Promise<string> {
    return readCappedText(response, limit, `${request.method} ${request.path}`).catch((error: unknown) => {
      if (error instanceof ResponseTooLargeError) throw error;
      throw this.networkError(request, error, false);
    });
  }

  /** A streamed body with the per-chunk idle timeout; mid-body failures become typed errors. */
  private streamed(request: HttpRequest, body: ReadableStream<Uint8Array>): Observable<Uint8Array> {
    const guarded = readChunks(body).pipe(
      catchError((e: unknown) => throwError(() => this.networkError(request, e, false))),
    );
    const idleMs = this.config.idleTimeoutMs;
    if (idleMs <= 0) return guarded;
    const what = `${request.method} ${request.path}`;
    return guarded.pipe(
      idleTimeout(idleMs, () => new TimeoutError('idle-body', idleMs, what), this.scheduler),
    );
  }

  private networkError(request: HttpRequest, error: unknown, beforeResponse: boolean): Error {
    if (error instanceof NetworkError || error instanceof TimeoutError || error instanceof ServerError)
      return error;
    const origin = request.absoluteUrl ? originOf(request.absoluteUrl) : this.apiOrigin;
    return new NetworkError(
      request.method,
      request.path,
      this.redactor.error(error, request),
      beforeResponse,
      {
        origin,
      },
    );
  }

  /** Decodes with `codec`; a `DecodeError` quotes the body, so its text is redacted first. */
  private decode<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
    try {
      return decodeOrThrow(codec, value, what);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      throw new DecodeError(
        this.redactor.text(what),
        error.fieldPath,
        error.problems.map((p) => this.redactor.text(p)),
      );
    }
  }
}

/** A signal that aborts when either does (`AbortSignal.any` where the runtime has it). */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (any) return any([a, b]);
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return controller.signal;
}
