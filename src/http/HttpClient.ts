import * as t from 'io-ts';
import {
  type Observable as ObservableType,
  Observable,
  type SchedulerLike,
  asyncScheduler,
  type Subscription,
  catchError,
  isObservable,
  of,
  throwError,
} from 'rxjs';
import { DecodeError, NetworkError, TimeoutError } from '../errors/clientErrors';
import { errorForStatus } from '../errors/errorForStatus';
import type { ServerError } from '../errors/ServerError';
import { idleTimeout } from '../operators/idleTimeout';
import { retryWithBackoff } from '../operators/retryWithBackoff';
import { buildUrl } from './buildUrl';
import type { Credentials } from './Credentials';
import { decodeOrThrow } from './decode';
import { readChunks } from './readChunks';
import { type RetryPolicy, parseRetryAfter } from './retryPolicy';
import type { FetchLike, HttpRequest } from './types';

/** Everything the transport needs; built by the client from its options. */
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
  readonly scheduler?: SchedulerLike;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * The single place that calls fetch. Every method returns a cold Observable: subscribing sends the
 * request, unsubscribing aborts it, and the body is read inside the same subscription.
 */
export class HttpClient {
  constructor(private readonly config: HttpClientConfig) {}

  /** The API root requests go to. */
  get apiRoot(): string {
    return this.config.apiRoot;
  }

  /** Sends `request` and decodes its JSON answer with `codec`. */
  json<A>(request: HttpRequest, codec: t.Decoder<unknown, A>): Observable<A> {
    const what = `${request.method} ${request.path}`;
    return this.withRetry(
      request,
      this.exchange(request, (response) =>
        this.bodyText(response, request).then((text) => {
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
    return this.withRetry(
      request,
      this.exchange(request, (response) => this.bodyText(response, request)),
    );
  }

  /** Sends `request`, discards the body, emits `undefined` once. */
  void(request: HttpRequest): Observable<void> {
    return this.withRetry(
      request,
      this.exchange(request, (response) => this.bodyText(response, request).then(() => undefined)),
    );
  }

  /** Sends `request` and hands the response headers to `handle`, without reading the body. */
  response<T>(request: HttpRequest, handle: (response: Response) => T): Observable<T> {
    return this.withRetry(
      request,
      this.exchange(request, (response) => {
        response.body?.cancel().catch(() => undefined);
        return of(handle(response));
      }),
    );
  }

  /**
   * Sends `request` and streams its body as chunks, failing with `TimeoutError` when the body stalls.
   * `onResponse` sees the headers first. Retries happen only before the first chunk.
   */
  chunks(request: HttpRequest, onResponse?: (response: Response) => void): Observable<Uint8Array> {
    return this.withRetry(
      request,
      this.exchange(request, (response) => {
        onResponse?.(response);
        if (!response.body) return of(new Uint8Array(0));
        return this.idle(readChunks(response.body), request);
      }),
    );
  }

  /**
   * The primitive: one fetch per subscription with its own AbortController, the response timeout, the
   * status check, then `handle` inside the same subscription. Unsubscribing aborts.
   *
   * `handle` returns a Promise for a body read in one piece: the one timer then switches from the
   * response timeout to the idle-body timeout, so such a request costs no operator chain and no second
   * timer (per-request overhead is measured in bench/requestOverhead.ts). It returns an Observable for a
   * streamed body, which applies its own per-chunk idle timeout.
   */
  exchange<T>(
    request: HttpRequest,
    handle: (response: Response) => ObservableType<T> | Promise<T>,
  ): Observable<T> {
    return new Observable<T>((subscriber) => {
      const controller = new AbortController();
      const url = request.absoluteUrl ?? buildUrl(this.config.apiRoot, request.path, request.query);
      let settled = false;
      let timer: Subscription | undefined;
      const arm = (kind: 'response' | 'idle-body', ms: number): void => {
        timer?.unsubscribe();
        timer = undefined;
        if (ms <= 0 || subscriber.closed) return;
        timer = this.scheduler.schedule(() => {
          controller.abort();
          subscriber.error(new TimeoutError(kind, ms, `${request.method} ${request.path}`));
        }, ms);
      };
      // The response timeout counts from the last body chunk sent, so a long upload that keeps moving
      // never times out while a stalled one does.
      const armResponse = (): void => arm('response', this.config.timeoutMs);
      armResponse();
      const body =
        typeof ReadableStream !== 'undefined' && request.body instanceof ReadableStream
          ? rearmOnPull(request.body, armResponse)
          : undefined;
      let inner: Subscription | undefined;
      // An injected fetch may throw instead of rejecting, or resolve to something that is not a Response:
      // both must end the subscription with a typed error, never escape as an unhandled rejection.
      let sent: Promise<Response>;
      try {
        sent = Promise.resolve(
          this.config.fetch(url, this.init(body ? { ...request, body } : request, controller.signal)),
        );
      } catch (error) {
        sent = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      sent.then(
        (response) => {
          timer?.unsubscribe();
          if (subscriber.closed) {
            response?.body?.cancel().catch(() => undefined);
            return;
          }
          try {
            if (!isResponse(response))
              throw new TypeError('fetch resolved to something that is not a Response');
            const ok = response.ok || (request.acceptStatus ?? []).includes(response.status);
            const next = ok ? handle(response) : this.failure(request, response);
            if (isObservable(next)) {
              inner = next.subscribe({
                next: (value) => subscriber.next(value),
                // after an error (a stalled or broken body) the connection is aborted, so it is not left open
                error: (error: unknown) => subscriber.error(error),
                complete: () => {
                  settled = true;
                  subscriber.complete();
                },
              });
              return;
            }
            arm('idle-body', this.config.idleTimeoutMs);
            next.then(
              (value) => {
                timer?.unsubscribe();
                if (subscriber.closed) return;
                settled = true;
                subscriber.next(value);
                subscriber.complete();
              },
              (error: unknown) => {
                timer?.unsubscribe();
                // after a timeout the subscriber is closed already: the abort's rejection is not news
                if (!subscriber.closed) subscriber.error(error);
              },
            );
          } catch (error) {
            subscriber.error(
              new NetworkError(request.method, request.path, this.scrub(error, request), false),
            );
          }
        },
        (error: unknown) => {
          timer?.unsubscribe();
          if (!subscriber.closed)
            subscriber.error(new NetworkError(request.method, request.path, this.scrub(error, request)));
        },
      );
      return () => {
        timer?.unsubscribe();
        inner?.unsubscribe();
        // Aborting a fetch whose body was read to the end only costs an AbortError per request.
        if (!settled) controller.abort();
      };
    });
  }

  private get scheduler(): SchedulerLike {
    return this.config.scheduler ?? asyncScheduler;
  }

  private withRetry<T>(request: HttpRequest, source: Observable<T>): Observable<T> {
    const idempotent = request.idempotent ?? IDEMPOTENT.has(request.method);
    const retryable = idempotent || this.config.retry.retryNonIdempotent;
    if (!retryable || this.config.retry.maxAttempts <= 1) return source;
    return source.pipe(retryWithBackoff(this.config.retry, this.scheduler));
  }

  private init(request: HttpRequest, signal: AbortSignal): RequestInit & { duplex?: 'half' } {
    const headers: Record<string, string> = { 'user-agent': this.config.userAgent, ...request.headers };
    if (!request.absoluteUrl) {
      const auth = this.config.credentials.authorization();
      if (auth) headers.authorization = auth;
    }
    let body: RequestInit['body'];
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.body !== undefined) {
      body = request.body as RequestInit['body'];
    }
    const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, body, signal };
    const stream = typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
    if (stream) init.duplex = 'half';
    if (stream || (typeof Blob !== 'undefined' && body instanceof Blob)) {
      // With no window and redirect 'error', undici skips cloning the request, whose tee would otherwise
      // buffer the whole upload in memory (nodejs/undici#4058). Uploads are never redirected.
      init.window = null;
      init.redirect = 'error';
    }
    if (request.acceptStatus?.some((s) => s >= 300 && s < 400)) init.redirect = 'manual';
    return init;
  }

  /** Reads a body in one piece; a failure mid-body is a retryable `NetworkError`. */
  private bodyText(response: Response, request: HttpRequest): Promise<string> {
    return response.text().catch((error: unknown) => {
      throw new NetworkError(request.method, request.path, this.scrub(error, request), true);
    });
  }

  /** Applies the per-chunk idle timeout to a streamed body and turns mid-body failures into typed errors. */
  private idle<T>(source: Observable<T>, request: HttpRequest): Observable<T> {
    const what = `${request.method} ${request.path}`;
    const guarded = source.pipe(
      catchError((e: unknown) =>
        throwError(() => new NetworkError(request.method, request.path, this.scrub(e, request), false)),
      ),
    );
    const idleMs = this.config.idleTimeoutMs;
    if (idleMs <= 0) return guarded;
    return guarded.pipe(
      idleTimeout(idleMs, () => new TimeoutError('idle-body', idleMs, what), this.scheduler),
    );
  }

  private failure(request: HttpRequest, response: Response): Promise<never> {
    return response
      .text()
      .catch(() => '')
      .then((text) => {
        throw this.errorFor(request, response, text);
      });
  }

  private errorFor(request: HttpRequest, response: Response, text: string): ServerError {
    let serverMessage: string | undefined = text.trim() || undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string')
        serverMessage = parsed.message;
      else if (response.status === 409 && parsed && typeof parsed === 'object' && 'reference' in parsed)
        serverMessage = 'conflict found';
    } catch {
      // not JSON: keep the raw text
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    return errorForStatus(
      {
        status: response.status,
        method: request.method,
        path: request.absoluteUrl ? new URL(request.absoluteUrl).pathname : request.path,
        serverMessage:
          serverMessage === undefined ? undefined : this.scrubText(serverMessage.slice(0, 2000), request),
        requestId,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      },
      request.objectRequest,
    );
  }

  /** Decodes with `codec`; a `DecodeError` quotes the body, so its text is scrubbed of secrets first. */
  private decode<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
    try {
      return decodeOrThrow(codec, value, what);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      throw new DecodeError(
        this.scrubText(what),
        error.fieldPath,
        error.problems.map((p) => this.scrubText(p)),
      );
    }
  }

  /**
   * Removes the credentials from `text`, and the query of a presigned URL (its signature is a bearer
   * token), which fetch implementations such as node-fetch quote in their error messages.
   */
  private scrubText(text: string, request?: HttpRequest): string {
    let out = text;
    for (const secret of [...this.config.credentials.secrets(), ...urlSecrets(request)])
      out = out.split(secret).join('[redacted]');
    return out;
  }

  private scrub(error: unknown, request?: HttpRequest): unknown {
    if (error instanceof Error) {
      const clean = new Error(this.scrubText(error.message, request));
      clean.name = error.name;
      return clean;
    }
    return this.scrubText(String(error), request);
  }
}

/** Passes a body stream through, calling `onChunk` each time a chunk is pulled and when it ends. */
function rearmOnPull(source: ReadableStream<Uint8Array>, onChunk: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        onChunk();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Whether `value` has what the transport reads from a fetch Response. */
function isResponse(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Response>;
  return typeof r.status === 'number' && typeof r.text === 'function' && typeof r.headers?.get === 'function';
}

/** The query of a presigned request's URL, as given and as `URL` normalises it (empty for API requests). */
function urlSecrets(request: HttpRequest | undefined): string[] {
  const url = request?.absoluteUrl;
  if (!url) return [];
  const raw = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
  let normalised = '';
  try {
    normalised = new URL(url).search.slice(1);
  } catch {
    // not a URL: nothing more to hide
  }
  return [raw, normalised].filter((q): q is string => !!q);
}
