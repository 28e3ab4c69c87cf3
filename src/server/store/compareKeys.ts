/**
 * Orders keys by their UTF-8 bytes, as lakeFS does. JavaScript's `<` compares UTF-16 code units, which
 * disagrees with byte order only between surrogate pairs and U+E000..U+FFFF, so that case is fixed up here.
 * @param a - first key
 * @param b - second key
 * @returns negative, zero or positive like any comparator
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const xSurrogate = x <= 0xdfff;
      const ySurrogate = y <= 0xdfff;
      // a surrogate starts a code point above U+FFFF, so it sorts after any other unit ≥ U+D800
      if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * The smallest key greater than every key that starts with `prefix`, used to seek past a common prefix.
 * @param prefix - a non-empty prefix
 * @returns the successor key, or undefined when no key can follow (empty prefix)
 */
export function successorKey(prefix: string): string | undefined {
  let p = prefix;
  while (p.length > 0) {
    const last = p.charCodeAt(p.length - 1);
    if (last < 0xffff) return p.slice(0, -1) + String.fromCharCode(last + 1);
    p = p.slice(0, -1);
  }
  return undefined;
}

/**
 * The larger of two keys by {@link compareKeys}.
 * @returns `a` or `b`
 */
export const maxKey = (a: string, b: string): string => (compareKeys(a, b) >= 0 ? a : b);
