import type { QueryValue } from './types';

/** Joins an API root, a path and query parameters; arrays become repeated keys, `undefined` is dropped. */
export function buildUrl(
  apiRoot: string,
  path: string,
  query?: Readonly<Record<string, QueryValue>>,
): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) qs.append(key, v);
    else qs.append(key, String(value));
  }
  const search = qs.toString();
  return apiRoot + path + (search ? `?${search}` : '');
}

/** Percent-encodes one path segment (ids may hold `^`, `~` and other characters lakeFS accepts). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** Strips trailing slashes and ensures the `/api/v1` suffix: endpoints with or without it both work. */
export function normalizeEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1') ? trimmed : `${trimmed}/api/v1`;
}
