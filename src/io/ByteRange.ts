import { ValidationError } from '../errors/clientErrors';

/**
 * A byte range of an object, as HTTP understands it:
 * - `{ start, end }`: bytes `start` through `end`, **both inclusive** (`{ start: 0, end: 99 }` is the first
 *   100 bytes); an `end` past the object's size is clamped by the server;
 * - `{ start }`: from `start` to the end of the object;
 * - `{ last }`: the final `last` bytes;
 * - a raw header value such as `'bytes=0-99'`, sent as given.
 * A range the object cannot satisfy fails with `InvalidRangeError` (416).
 * @group Resources
 */
export type ByteRange =
  { readonly start: number; readonly end?: number } | { readonly last: number } | `bytes=${string}`;

function offset(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new ValidationError(field, `${value} is not a non-negative integer`);
  return value;
}

/**
 * The `Range` header value for `range`.
 * @param range - the range to read
 * @returns e.g. `bytes=0-99`, `bytes=100-`, `bytes=-10`
 * @throws ValidationError when an offset is negative or not an integer
 */
export function rangeHeader(range: ByteRange): string {
  if (typeof range === 'string') {
    if (!range.startsWith('bytes='))
      throw new ValidationError('range', `${JSON.stringify(range)} must start with bytes=`);
    return range;
  }
  if ('last' in range) return `bytes=-${offset('range.last', range.last)}`;
  const start = offset('range.start', range.start);
  return range.end === undefined ? `bytes=${start}-` : `bytes=${start}-${offset('range.end', range.end)}`;
}
