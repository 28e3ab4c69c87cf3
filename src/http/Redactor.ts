import type { Credentials } from './Credentials';
import type { HttpRequest } from './types';

/**
 * Removes secrets from text before it goes into an error: the credentials (secret key, token, the Basic
 * header's base64 value) and the query of a presigned URL, whose signature is a bearer token that fetch
 * implementations such as node-fetch quote in their messages.
 */
export class Redactor {
  constructor(private readonly credentials: Credentials) {}

  /** `text` with every secret replaced by `[redacted]`. */
  text(text: string, request?: HttpRequest): string {
    let out = text;
    for (const secret of this.credentials.secrets()) out = out.split(secret).join('[redacted]');
    for (const secret of urlSecrets(request)) out = out.split(secret).join('[redacted]');
    return out;
  }

  /**
   * A copy of `error` with its message and its cause chain's messages redacted (codes kept), or the
   * redacted string form of anything else.
   */
  error(error: unknown, request?: HttpRequest, depth = 0): unknown {
    // duck-typed: fetch's errors may come from another realm (a test sandbox), where instanceof fails
    if (!isErrorLike(error)) return this.text(String(error), request);
    const cause =
      depth < 4 && error.cause !== undefined ? this.error(error.cause, request, depth + 1) : undefined;
    const clean = new Error(this.text(error.message, request), cause === undefined ? undefined : { cause });
    clean.name = error.name;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') Object.assign(clean, { code });
    return clean;
  }
}

function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { name?: unknown }).name === 'string'
  );
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
