import { ApiError, badRequest } from './ApiError';

// The OpenAPI validator's checks, which lakeFS runs before authentication.

/** An object body or a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest("request body has an error: doesn't match schema: value must be an object");
  return body as Record<string, unknown>;
}

/** A required string property or a 400. */
export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string')
    throw badRequest(`request body has an error: doesn't match schema: property "${key}" is missing`);
  return value;
}

/** An optional property of a given primitive type or a 400. */
export function optional<T extends 'string' | 'boolean' | 'number'>(
  body: Record<string, unknown>,
  key: string,
  type: T,
): (T extends 'string' ? string : T extends 'boolean' ? boolean : number) | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type)
    throw badRequest(`request body has an error: property "${key}": value must be a ${type}`);
  return value as never;
}

/** An optional `{string: string}` map or a 400. */
export function optionalStringMap(
  body: Record<string, unknown>,
  key: string,
): Record<string, string> | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest(`request body has an error: property "${key}": value must be an object`);
  for (const v of Object.values(value)) {
    if (typeof v !== 'string')
      throw badRequest(`request body has an error: property "${key}": values must be strings`);
  }
  return value as Record<string, string>;
}

const GO_TRUE: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE: ReadonlySet<string> = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * A boolean query parameter read as lakeFS reads it (Go's `strconv.ParseBool`): `1 t T TRUE true True` and
 * `0 f F FALSE false False`; absent is `fallback`. An empty or repeated value is the generated router's
 * plain-text 400, anything else the validator's JSON 400.
 * @param query - the query string
 * @param key - the parameter name
 * @param fallback - the value when the parameter is absent @default false
 * @returns the parsed value
 */
export function queryBool(query: URLSearchParams, key: string, fallback = false): boolean {
  const values = query.getAll(key);
  if (values.length === 0) return fallback;
  const v = values[0] as string;
  if (values.length > 1 || v === '')
    throw new ApiError(
      400,
      `Invalid format for parameter ${key}: multiple values for single value parameter '${key}'`,
      `Invalid format for parameter ${key}: multiple values for single value parameter '${key}'\n`,
    );
  if (GO_TRUE.has(v)) return true;
  if (GO_FALSE.has(v)) return false;
  throw badRequest(
    `parameter "${key}" in query has an error: value ${v}: an invalid boolean: invalid syntax`,
  );
}

/** The handler's `amount`: validator range −1..1000, then ≤0 → 100. */
export function queryAmount(query: URLSearchParams): number {
  const raw = query.get('amount');
  if (raw === null || raw === '') return 100;
  if (!/^-?\d+$/.test(raw))
    throw badRequest(`parameter "amount" in query has an error: value ${raw}: an invalid integer`);
  const n = Number(raw);
  if (n < -1) throw badRequest('parameter "amount" in query has an error: number must be at least -1');
  if (n > 1000) throw badRequest('parameter "amount" in query has an error: number must be at most 1000');
  return n <= 0 ? 100 : n;
}

/** A required, non-empty query parameter or a 400. */
export function requiredQuery(query: URLSearchParams, key: string): string {
  const v = query.get(key);
  if (v === null) throw badRequest(`parameter "${key}" in query has an error: value is required but missing`);
  return v;
}
