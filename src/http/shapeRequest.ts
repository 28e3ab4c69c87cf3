import { buildUrl } from './buildUrl';
import type { Credentials } from './Credentials';
import type { HttpRequest, RequestBody } from './types';

/** What shaping a request needs from the client. */
export interface RequestShaping {
  readonly apiRoot: string;
  readonly userAgent: string;
  readonly credentials: Credentials;
}

/** The URL a request goes to: its presigned URL as is, else the API root, path and query. */
export function requestUrl(shaping: RequestShaping, request: HttpRequest): string {
  return request.absoluteUrl ?? buildUrl(shaping.apiRoot, request.path, request.query);
}

/** Whether `body` can be sent again on a retry (everything but a bare stream). */
export function isReplayable(body: HttpRequest['body']): boolean {
  return !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
}

/** The body of one attempt: a body factory is called once per attempt. */
export function attemptBody(request: HttpRequest): RequestBody | undefined {
  return typeof request.body === 'function' ? request.body() : request.body;
}

/**
 * The fetch init of one attempt: user agent, the client's authorization (never on a presigned URL, whose
 * signature is the authorization), JSON or raw body, and the flags streamed bodies need.
 */
export function requestInit(
  shaping: RequestShaping,
  request: HttpRequest,
  body: RequestBody | undefined,
  signal: AbortSignal,
): RequestInit & { duplex?: 'half' } {
  const headers: Record<string, string> = { 'user-agent': shaping.userAgent, ...request.headers };
  if (!request.absoluteUrl) {
    const auth = shaping.credentials.authorization();
    if (auth) headers.authorization = auth;
  }
  let sent: RequestInit['body'];
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    sent = JSON.stringify(request.json);
  } else if (body !== undefined) {
    sent = body as RequestInit['body'];
  }
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, body: sent, signal };
  const stream = typeof ReadableStream !== 'undefined' && sent instanceof ReadableStream;
  if (stream) init.duplex = 'half';
  if (stream || (typeof Blob !== 'undefined' && sent instanceof Blob)) {
    // With no window and redirect 'error', undici skips cloning the request, whose tee would otherwise
    // buffer the whole upload in memory (nodejs/undici#4058). Uploads are never redirected.
    init.window = null;
    init.redirect = 'error';
  }
  if (request.acceptStatus?.some((s) => s >= 300 && s < 400)) init.redirect = 'manual';
  return init;
}

/** The origin of `url` (`http://host:port`), without userinfo, path or query; `url` itself if unparsable. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}
