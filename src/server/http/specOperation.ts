import { LAKEFS_OPERATIONS } from './lakefsOperations';

interface Template {
  readonly method: string;
  readonly segments: readonly (string | undefined)[];
  /** the parameter name at each segment (undefined for literals) */
  readonly names: readonly (string | undefined)[];
  readonly operationId: string;
}

// a path parameter (`{name}`) is `undefined`: it matches any one non-empty segment
const TEMPLATES: readonly Template[] = LAKEFS_OPERATIONS.map(([method, path, operationId]) => ({
  method,
  segments: path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? undefined : s)),
  names: path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? s.slice(1, -1) : undefined)),
  operationId,
}));

const literals = (t: Template): number => t.segments.filter((s) => s !== undefined).length;

/**
 * The lakeFS operation a request names, whether or not this server implements it — so that an
 * unimplemented one can be told (501) from a path that is not in the API at all (404).
 * @param method - the request method
 * @param apiPath - the path below `/api/v1`, e.g. `/auth/users`
 * @returns the operation id, or undefined when the lakeFS API has no such operation
 */
export function specOperation(method: string, apiPath: string): string | undefined {
  return specMatch(method, apiPath)?.operationId;
}

/**
 * The lakeFS operation a request names, with its path parameters under the spec's names (decoded).
 * @param method - the request method
 * @param apiPath - the path below `/api/v1` (still percent-encoded)
 * @returns the operation and parameters, or undefined when the lakeFS API has no such operation
 */
export function specMatch(
  method: string,
  apiPath: string,
): { readonly operationId: string; readonly params: Readonly<Record<string, string>> } | undefined {
  const parts = apiPath.split('/').filter(Boolean);
  let best: Template | undefined;
  for (const t of TEMPLATES) {
    if (t.method !== method || t.segments.length !== parts.length) continue;
    if (!t.segments.every((s, i) => (s === undefined ? parts[i] !== '' : s === parts[i]))) continue;
    if (!best || literals(t) > literals(best)) best = t;
  }
  if (!best) return undefined;
  const params: Record<string, string> = {};
  best.names.forEach((name, i) => {
    if (name === undefined) return;
    const raw = parts[i] ?? '';
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return { operationId: best.operationId, params };
}
