/** lakeFS's Pagination object. */
export interface Pagination {
  has_more: boolean;
  next_offset: string;
  results: number;
  max_per_page: number;
}

/**
 * Pages over items already in key order: `after` is exclusive, `prefix` filters, `amount` caps, and
 * `next_offset` is the last returned key when more remain. `seek` finds the first index ≥ a key in O(log n).
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  options: { after?: string; prefix?: string; amount: number },
): { pagination: Pagination; results: T[] } {
  const prefix = options.prefix ?? '';
  const start = options.after !== undefined && options.after > prefix ? options.after : prefix;
  let index = lowerBound(items, keyOf, start);
  if (options.after !== undefined && index < items.length && keyOf(items[index] as T) === options.after)
    index++;
  const results: T[] = [];
  let hasMore = false;
  for (; index < items.length; index++) {
    const item = items[index] as T;
    if (!keyOf(item).startsWith(prefix)) break;
    if (results.length === options.amount) {
      hasMore = true;
      break;
    }
    results.push(item);
  }
  const last = results[results.length - 1];
  return {
    pagination: {
      has_more: hasMore,
      next_offset: hasMore && last !== undefined ? keyOf(last) : '',
      results: results.length,
      max_per_page: 1000,
    },
    results,
  };
}

/** First index whose key is ≥ `key` (items sorted by key, byte order for ASCII keys). */
export function lowerBound<T>(items: readonly T[], keyOf: (item: T) => string, key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid] as T) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
