import { type Observable, defer, mergeMap, of } from 'rxjs';
import { type Pullable, type Puller, pullable } from './pullable';

/**
 * Where a page of a listing ends: whether more follow, and the key to continue after.
 * @group Operators
 */
export interface PageCursor {
  readonly has_more: boolean;
  readonly next_offset: string;
}

/**
 * One page of a listing.
 * @group Operators
 */
export interface Page<T> {
  readonly pagination: PageCursor;
  readonly results: readonly T[];
}

/**
 * Options every listing accepts.
 * @group Operators
 */
export interface PaginateOptions {
  /** Stop after this many items in total. @default unlimited */
  readonly maxAmount?: number;
  /** Items per request (server maximum 1000). @default 1000 */
  readonly pageSize?: number;
  /** Start after this key (exclusive). */
  readonly after?: string;
}

/** Default page size: the server's maximum, so that a long listing makes the fewest round trips. */
export const DEFAULT_PAGE_SIZE = 1000;

/**
 * A puller over the pages of a listing: each `pull()` requests one page (skipping empty pages that say
 * more follow), and nothing once `maxAmount` items were handed out or the listing ended.
 */
function pagePuller<W, T>(
  fetchPage: (after: string | undefined, amount: number) => Observable<Page<W>>,
  options: PaginateOptions,
  project: (item: W) => T,
): Puller<T> {
  const pageSize = Math.max(1, Math.min(1000, options.pageSize ?? DEFAULT_PAGE_SIZE));
  let remaining = options.maxAmount ?? Number.POSITIVE_INFINITY;
  let after = options.after;
  let ended = false;
  const pull = (): Observable<readonly T[]> =>
    defer(() => {
      if (ended || remaining <= 0) return of([]);
      return fetchPage(after, Math.min(pageSize, remaining)).pipe(
        mergeMap((page) => {
          // the cursor moves only once a page arrived: a cancelled request leaves it where it was
          const rows = page.results.slice(0, remaining);
          remaining -= rows.length;
          if (page.pagination.has_more && page.pagination.next_offset !== '')
            after = page.pagination.next_offset;
          else ended = true;
          return rows.length === 0 ? pull() : of(rows.map(project));
        }),
      );
    });
  return { pull, close: () => undefined };
}

/**
 * Turns a page fetcher into a lazy listing. Subscribed, it emits the items and requests the next page
 * only after the previous page's items were delivered and the subscriber is still there; pulled (by
 * `toAsyncIterable`, `pullMap`, `deleteObjects`, `uploadAll`), it requests a page only when the consumer
 * has used up the previous one. `maxAmount` caps the total; unsubscribing aborts the page in flight.
 * @param fetchPage - requests `amount` items after the key `after`
 * @param options - paging; see {@link PaginateOptions}
 * @returns the items, as a {@link Pullable}
 * @example
 * paginate((after, amount) => api.listRepositories({ after, amount }), { maxAmount: 50 })
 * @group Operators
 */
export function paginate<T>(
  fetchPage: (after: string | undefined, amount: number) => Observable<Page<T>>,
  options?: PaginateOptions,
): Pullable<T>;
/**
 * The same listing, each wire item mapped by `project` before it is emitted.
 * @param fetchPage - requests `amount` items after the key `after`
 * @param options - paging; see {@link PaginateOptions}
 * @param project - maps each wire item to what the listing emits
 * @returns the mapped items, as a {@link Pullable}
 * @example
 * paginate((after, amount) => api.listRepositories({ after, amount }), {}, toRepositoryInfo)
 */
export function paginate<W, T>(
  fetchPage: (after: string | undefined, amount: number) => Observable<Page<W>>,
  options: PaginateOptions,
  project: (item: W) => T,
): Pullable<T>;
export function paginate<W, T>(
  fetchPage: (after: string | undefined, amount: number) => Observable<Page<W>>,
  options: PaginateOptions = {},
  project?: (item: W) => T,
): Pullable<T | W> {
  return pullable(() => pagePuller<W, T | W>(fetchPage, options, project ?? ((item) => item)));
}
