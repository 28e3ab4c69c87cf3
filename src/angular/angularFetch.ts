import {
  HttpErrorResponse,
  type HttpEvent,
  HttpHeaders,
  HttpRequest,
  HttpResponse,
} from '@angular/common/http';
import type { Observable } from 'rxjs';
import type { FetchLike } from '../http/types';

/**
 * What {@link angularFetch} sends requests through: Angular's `HttpHandler` (interceptors) or `HttpBackend`.
 * @group Transport
 */
export interface AngularHttpHandler {
  /** Sends one request; Angular's `HttpHandler` and `HttpBackend` both have this shape. */
  handle(request: HttpRequest<unknown>): Observable<HttpEvent<unknown>>;
}

type AngularBody = string | ArrayBuffer | Blob | FormData | URLSearchParams | null;

/** Angular serialises a typed array as JSON, so bytes travel as a Blob; a stream is read into one first. */
async function toAngularBody(body: RequestInit['body']): Promise<AngularBody> {
  if (body == null) return null;
  if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer) return body;
  if (body instanceof FormData || body instanceof URLSearchParams) return body;
  if (ArrayBuffer.isView(body)) {
    const view = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    return new Blob([view.slice()]);
  }
  return new Response(body).blob();
}

/** An answer's body as the Fetch API takes it; interceptors may have replaced it with anything. */
function toBodyInit(body: unknown): BodyInit | null {
  if (body == null) return null;
  if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
  return JSON.stringify(body);
}

function toHeaders(headers: HttpHeaders): Headers {
  const out = new Headers();
  for (const name of headers.keys()) for (const value of headers.getAll(name) ?? []) out.append(name, value);
  return out;
}

const IN_BROWSER = typeof window !== 'undefined' && typeof document !== 'undefined';

/** Statuses whose `Response` must not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

function toResponse(method: string, status: number, statusText: string, headers: HttpHeaders, body: unknown) {
  const init: ResponseInit = { status, statusText, headers: toHeaders(headers) };
  return new Response(method === 'HEAD' || NULL_BODY.has(status) ? null : toBodyInit(body), init);
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * A `fetch` that routes the client's requests through Angular: pass `HttpHandler` so the app's
 * interceptors (auth, logging, loading indicators) and `HttpTestingController` see every request, or
 * `HttpBackend` to skip the interceptors. Bodies are buffered (Angular has no streaming bodies), so
 * progress events of a transfer come in one step.
 * @param handler - `inject(HttpHandler)` or `inject(HttpBackend)`
 * @returns a fetch for the client's `fetch` option
 * @example
 * ```ts
 * const client = new LakeFS({ endpoint, sessionToken, fetch: angularFetch(inject(HttpHandler)) });
 * ```
 * @group Transport
 */
export function angularFetch(handler: AngularHttpHandler): FetchLike {
  return async (input, init = {}) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw abortError(signal);
    const method = (init.method ?? 'GET').toUpperCase();
    let headers = new HttpHeaders();
    new Headers(init.headers).forEach((value, name) => {
      // a browser's XMLHttpRequest refuses (and logs) User-Agent, which fetch silently drops
      if (name === 'user-agent' && IN_BROWSER) return;
      headers = headers.append(name, value);
    });
    const request = new HttpRequest<AngularBody>(method, input, await toAngularBody(init.body), {
      headers,
      responseType: 'arraybuffer',
    });
    return new Promise<Response>((resolve, reject) => {
      const onAbort = (): void => {
        subscription.unsubscribe();
        // fetch rejects with the signal's reason, whatever the caller aborted with
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(abortError(signal as AbortSignal));
      };
      const subscription = handler.handle(request).subscribe({
        next: (event) => {
          if (!(event instanceof HttpResponse)) return;
          signal?.removeEventListener('abort', onAbort);
          resolve(toResponse(method, event.status, event.statusText, event.headers, event.body));
        },
        error: (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          // status 0: the request never got an answer, which fetch reports as a TypeError
          if (error instanceof HttpErrorResponse && error.status !== 0)
            resolve(toResponse(method, error.status, error.statusText, error.headers, error.error));
          else reject(new TypeError('Failed to fetch', { cause: error }));
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
}
