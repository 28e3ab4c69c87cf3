import type { QueryValue } from './types';

/** Joins an API root, a path and query parameters; arrays become repeated keys, `undefined` is dropped. */
export function buildUrl(
  apiRoot: string,
  path: string,
  query?: Readonly<Record<string, QueryValue>>,
): string {
  // Plain string building: URLSearchParams costs a few µs on every request for the same result.
  let search = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const name = encodeQueryPart(key);
    if (Array.isArray(value))
      for (const v of value as readonly string[]) search += `&${name}=${encodeQueryPart(v)}`;
    else search += `&${name}=${encodeQueryPart(String(value))}`;
  }
  return apiRoot + path + (search ? `?${search.slice(1)}` : '');
}

/** Percent-encodes a query key or value; a lone surrogate becomes U+FFFD, as URLSearchParams does. */
function encodeQueryPart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

/** Percent-encodes one path segment (ids may hold `^`, `~` and other characters lakeFS accepts). */
export function segment(value: string): string {
  // `.` and `..` survive encodeURIComponent and a URL parser would collapse them; `%2E` does not collapse.
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return encodeURIComponent(value);
}

/** Strips trailing slashes and ensures the `/api/v1` suffix: endpoints with or without it both work. */
export function normalizeEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1') ? trimmed : `${trimmed}/api/v1`;
}
