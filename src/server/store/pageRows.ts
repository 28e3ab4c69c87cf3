import { compareKeys, maxKey, successorKey } from './compareKeys';

/** One listing row: a value, or a common prefix when `value` is undefined. */
export interface PageRow<T> {
  readonly path: string;
  readonly value?: T;
}

/** Paging options shared by object listings and diffs. */
export interface PageOptions {
  /** Only keys starting with it. @default '' */
  readonly prefix: string;
  /** Exclusive start key. @default '' (from the beginning) */
  readonly after: string;
  /** Collapse keys whose remainder after `prefix` contains it into common-prefix rows. @default '' */
  readonly delimiter: string;
  /** Page size. */
  readonly amount: number;
}

/**
 * Builds one page over a key-ordered source that can be re-entered at any key. Iteration starts at
 * max(after, prefix); after a common prefix it re-seeks past all of its keys, so a page costs
 * O(amount · log n) whatever its position.
 * @param open - opens the source at a key (inclusive)
 * @param options - prefix, exclusive after, delimiter, amount
 * @returns the rows and whether more exist
 */
export function pageRows<T>(
  open: (from: string) => Iterator<[string, T]>,
  options: PageOptions,
): { rows: PageRow<T>[]; hasMore: boolean } {
  const { prefix, after, delimiter, amount } = options;
  const rows: PageRow<T>[] = [];
  let it = open(maxKey(after, prefix));
  while (rows.length <= amount) {
    const next = it.next();
    if (next.done) break;
    const [key, value] = next.value;
    if (!key.startsWith(prefix)) break;
    if (key === after) continue;
    if (delimiter) {
      const cut = key.indexOf(delimiter, prefix.length);
      if (cut >= 0) {
        const common = key.slice(0, cut + delimiter.length);
        if (compareKeys(common, after) > 0) rows.push({ path: common });
        const past = successorKey(common);
        if (past === undefined) break;
        it = open(past);
        continue;
      }
    }
    rows.push({ path: key, value });
  }
  const hasMore = rows.length > amount;
  if (hasMore) rows.length = amount;
  return { rows, hasMore };
}

/**
 * Opens a sorted array of [key, value] pairs at a key (binary search).
 * @param items - pairs sorted by key
 * @returns an `open` function for {@link pageRows}
 */
export function openSorted<T>(items: readonly [string, T][]): (from: string) => Iterator<[string, T]> {
  return (from) => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys((items[mid] as [string, T])[0], from) < 0) lo = mid + 1;
      else hi = mid;
    }
    let i = lo;
    return {
      next: (): IteratorResult<[string, T]> =>
        i < items.length
          ? { done: false, value: items[i++] as [string, T] }
          : { done: true, value: undefined },
    };
  };
}
