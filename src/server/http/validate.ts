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
 * `0 f F FALSE false False`; anything else is the validator's 400. An empty value is the validator's 400
 * when the spec declares no default for the parameter, the generated router's plain-text 400 when it
 * does; a repeated parameter is always the latter.
 * @param query - the query string
 * @param key - the parameter name
 * @param specDefault - the default the lakeFS spec declares, `undefined` when it declares none (absent is
 *   then false)
 * @returns the parsed value
 */
export function queryBool(query: URLSearchParams, key: string, specDefault?: boolean): boolean {
  const values = query.getAll(key);
  if (values.length === 0) return specDefault ?? false;
  const v = values[0] as string;
  if (v === '' && specDefault === undefined && values.length === 1)
    throw badRequest(`parameter "${key}" in query has an error: empty value is not allowed`);
  if (values.length > 1 || v === '') {
    const text = `Invalid format for parameter ${key}: multiple values for single value parameter '${key}'`;
    throw new ApiError(400, text, `${text}\n`);
  }
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
    throw badRequest(
      `parameter "amount" in query has an error: value ${raw}: an invalid integer: invalid syntax`,
    );
  const n = Number(raw);
  if (n < -1) throw badRequest('parameter "amount" in query has an error: number must be at least -1');
  if (n > 1000) throw badRequest('parameter "amount" in query has an error: number must be at most 1000');
  return n <= 0 ? 100 : n;
}

/** A required, non-empty query parameter or a 400. */
export function requiredQuery(query: URLSearchParams, key: string): string {
  const v = query.get(key);
  if (v === null) throw badRequest(`parameter "${key}" in query has an error: value is required but missing`);
  if (v === '') throw badRequest(`parameter "${key}" in query has an error: empty value is not allowed`);
  return v;
}

// the validator's `date-time` pattern (an offset is optional there; the binding then insists on one)
const DATE_TIME =
  /^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])T([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)[0-9]{2}:[0-9]{2})?$/;

/**
 * An RFC 3339 date-time query parameter (offset with a colon, or `Z`), as lakeFS checks it: the
 * validator's pattern (JSON 400), then the binding's parse, which needs the offset (plain-text 400).
 * Empty or absent is undefined.
 * @param query - the query string
 * @param key - the parameter name
 * @returns milliseconds since the epoch, or undefined
 */
export function queryDateTime(query: URLSearchParams, key: string): number | undefined {
  const v = query.get(key);
  if (v === null || v === '') return undefined;
  if (!DATE_TIME.test(v))
    throw badRequest(
      `parameter "${key}" in query has an error: string doesn't match the format "date-time": string doesn't match pattern "${DATE_TIME.source}"`,
    );
  if (!/(Z|[+-]\d\d:\d\d)$/.test(v)) {
    const text = `Invalid format for parameter ${key}: error parsing '${v}' as RFC3339 or 2006-01-02 time: parsing time "${v}": extra text: "${v.slice(10)}"`;
    throw new ApiError(400, text, `${text}\n`);
  }
  return Date.parse(v);
}
