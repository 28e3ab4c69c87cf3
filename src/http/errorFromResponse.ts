import { errorForStatus } from '../errors/errorForStatus';
import type { ServerError } from '../errors/ServerError';
import type { Redactor } from './Redactor';
import { parseRetryAfter } from './retryPolicy';
import type { HttpRequest } from './types';

/** Most of an error body kept in a message; the rest is noise (an HTML error page, a stack trace). */
const MESSAGE_CHARS = 2000;

/**
 * The typed error for an answer outside 2xx: the server's `message` (or its raw text), its request id
 * and `Retry-After`, the request's subject for a 404 — all redacted.
 */
export function errorFromResponse(
  request: HttpRequest,
  response: Response,
  text: string,
  redactor: Redactor,
): ServerError {
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
        serverMessage === undefined
          ? undefined
          : redactor.text(serverMessage.slice(0, MESSAGE_CHARS), request),
      requestId,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
    },
    request.objectRequest,
  );
}

/** Reads an error answer's body (a broken one counts as empty) and rejects with its typed error. */
export function failureOf(request: HttpRequest, response: Response, redactor: Redactor): Promise<never> {
  return response
    .text()
    .catch(() => '')
    .then((text) => {
      throw errorFromResponse(request, response, text, redactor);
    });
}
