import { badRequest } from '../http/ApiError';
import type { ByteRange } from '../blockstore/Blockstore';

const RANGE = /^bytes=((\d*-\d*,? ?)+)$/;

/** The outcome of a `Range` header against an object size. */
export type RangeResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'range'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' };

/**
 * Checks the header's syntax as lakeFS's validator does (400, before authentication).
 * @param header - the `Range` header
 */
export function checkRangeSyntax(header: string | undefined): void {
  if (header !== undefined && !RANGE.test(header))
    throw badRequest(
      `parameter "Range" in header has an error: string doesn't match the regular expression "^bytes=((\\d*-\\d*,? ?)+)$"`,
    );
}

/**
 * Interprets a single range (`a-b`, `a-`, `-n`): `b` is clamped to the size; multiple ranges, `a > b`,
 * `a ≥ size`, `-0` and any range on an empty object are unsatisfiable (416).
 * @param header - the `Range` header (syntax already checked)
 * @param size - the object size
 * @returns none, the inclusive range, or unsatisfiable
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'none' };
  const spec = header.slice('bytes='.length).trim();
  const unsatisfiable = { kind: 'unsatisfiable' } as const;
  if (spec.includes(',') || size === 0) return unsatisfiable;
  const [a = '', b = ''] = spec.split('-');
  if (a === '') {
    const n = b === '' ? 0 : Number(b);
    if (n === 0) return unsatisfiable;
    return { kind: 'range', range: { start: Math.max(0, size - n), end: size - 1 } };
  }
  const start = Number(a);
  if (b !== '' && Number(b) < start) return unsatisfiable;
  if (start >= size) return unsatisfiable;
  return { kind: 'range', range: { start, end: b === '' ? size - 1 : Math.min(Number(b), size - 1) } };
}
