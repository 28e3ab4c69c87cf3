import { Observable, type Subscription } from 'rxjs';
import type { Pagination } from '../api/models/common';

/** One page of a lakeFS listing. */
export interface Page<T> {
  readonly pagination: Pagination;
  readonly results: readonly T[];
}

/** Options every listing accepts. */
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
 * Turns a page fetcher into a lazy stream of items. The next page is requested only after the previous
 * page's items were delivered and the subscriber is still there; `maxAmount` caps the total.
 * @example
 * paginate((after, amount) => api.listRepositories({ after, amount }))
 */
export function paginate<T>(
  fetchPage: (after: string | undefined, amount: number) => Observable<Page<T>>,
  options: PaginateOptions = {},
): Observable<T> {
  const pageSize = Math.max(1, Math.min(1000, options.pageSize ?? DEFAULT_PAGE_SIZE));
  return new Observable<T>((subscriber) => {
    let remaining = options.maxAmount ?? Number.POSITIVE_INFINITY;
    let after = options.after;
    let current: Subscription | undefined;
    if (remaining <= 0) {
      subscriber.complete();
      return undefined;
    }
    const requestPage = (): void => {
      let nextAfter: string | undefined;
      current = fetchPage(after, Math.min(pageSize, remaining)).subscribe({
        next: (page) => {
          for (const item of page.results) {
            if (subscriber.closed) return;
            subscriber.next(item);
            remaining -= 1;
            if (remaining <= 0) {
              subscriber.complete();
              return;
            }
          }
          if (page.pagination.has_more && page.pagination.next_offset !== '') {
            nextAfter = page.pagination.next_offset;
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (subscriber.closed) return;
          if (nextAfter === undefined) {
            subscriber.complete();
            return;
          }
          after = nextAfter;
          requestPage();
        },
      });
    };
    requestPage();
    return () => current?.unsubscribe();
  });
}
