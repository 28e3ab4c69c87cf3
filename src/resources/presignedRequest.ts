import { type MonoTypeOperatorFunction, catchError, throwError } from 'rxjs';
import { ServerError, type ServerErrorDetails } from '../errors/ServerError';
import type { HttpMethod, HttpRequest } from '../http/types';

/**
 * A request to a presigned URL: sent as is, without the client's credentials (the signature is the
 * authorization). Errors name the URL's path only, never its query, which holds the signature.
 * @param method - `GET` or `PUT`
 * @param url - the presigned URL
 * @param extra - headers, body and the other request fields
 * @returns the request for the transport
 */
export const presignedRequest = (
  method: HttpMethod,
  url: string,
  extra: Omit<HttpRequest, 'method' | 'path' | 'absoluteUrl'> = {},
): HttpRequest => ({ ...extra, method, path: new URL(url).pathname, absoluteUrl: url });

const XML_FIELD = (name: string): RegExp => new RegExp(`<${name}>([^<]*)</${name}>`);

const unescapeXml = (text: string): string =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Object stores answer a refused presigned request with an XML document (S3:
 * `<Error><Code>AccessDenied</Code><Message>Request has expired</Message>…`). This keeps the error's
 * class (`ForbiddenError` for 403 …) and replaces the raw XML in its message by `Code: Message`.
 * @returns an operator that rewrites such errors and passes everything else through
 */
export function readableStoreErrors<T>(): MonoTypeOperatorFunction<T> {
  return catchError((error: unknown) => {
    if (!(error instanceof ServerError) || !error.serverMessage?.trimStart().startsWith('<'))
      return throwError(() => error);
    const code = XML_FIELD('Code').exec(error.serverMessage)?.[1];
    const message = XML_FIELD('Message').exec(error.serverMessage)?.[1];
    if (code === undefined && message === undefined) return throwError(() => error);
    const details: ServerErrorDetails = {
      status: error.status,
      method: error.method,
      path: error.path,
      serverMessage: unescapeXml([code, message].filter((p) => p !== undefined).join(': ')),
      ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
    const cls = error.constructor as new (d: ServerErrorDetails) => ServerError;
    return throwError(() => new cls(details));
  });
}
