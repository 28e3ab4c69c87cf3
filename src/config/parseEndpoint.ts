import { ConfigurationError } from '../errors/clientErrors';

/**
 * Checks a configured endpoint and returns its API root (`…/api/v1`, with or without it given). Refused
 * with `ConfigurationError`, before any request: anything that is not an http(s) URL, a query or a fragment
 * (requests would go to another URL), and `user:password@` (credentials belong in their own options, and
 * would show in every message that names the endpoint).
 * @param endpoint - the endpoint as configured
 * @param source - where it came from, for the message
 * @returns the API root, without a trailing slash
 */
export function parseEndpoint(endpoint: string, source: string): string {
  const trimmed = endpoint.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigurationError(
      `endpoint ${JSON.stringify(withoutUserinfo(trimmed))} (from ${source}) is not a URL; expected e.g. http://127.0.0.1:8000`,
    );
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigurationError(`endpoint ${shown} (from ${source}) must be an http:// or https:// URL`);
  if (url.username !== '' || url.password !== '')
    throw new ConfigurationError(
      `endpoint ${shown} (from ${source}) carries user:password; pass accessKeyId and secretAccessKey instead`,
    );
  if (url.search !== '' || trimmed.includes('?'))
    throw new ConfigurationError(`endpoint ${shown} (from ${source}) must not have a query string`);
  if (url.hash !== '' || trimmed.includes('#'))
    throw new ConfigurationError(`endpoint ${shown} (from ${source}) must not have a fragment`);
  const root = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  return root.endsWith('/api/v1') ? root : `${root}/api/v1`;
}

/** `scheme://user:pass@host` → `scheme://host`, for a message about a string that is not even a URL. */
function withoutUserinfo(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}
