import { type Observable, of } from 'rxjs';
import type { Page } from '../../../src/operators/paginate';

/** A page of the fake listing over 0..total-1 that starts after `after` and holds up to `amount` items. */
export function pageOf(total: number, after: string | undefined, amount: number): Page<number> {
  const start = after === undefined ? 0 : Number(after) + 1;
  const results = Array.from({ length: Math.max(0, Math.min(amount, total - start)) }, (_, i) => start + i);
  const hasMore = start + results.length < total;
  return {
    pagination: { has_more: hasMore, next_offset: hasMore ? String(results[results.length - 1]) : '' },
    results,
  };
}

/** A fake listing over 0..total-1 answering synchronously, that records each page request. */
export function listing(total: number) {
  const calls: { after: string | undefined; amount: number }[] = [];
  const fetchPage = (after: string | undefined, amount: number): Observable<Page<number>> => {
    calls.push({ after, amount });
    return of(pageOf(total, after, amount));
  };
  return { calls, fetchPage };
}
