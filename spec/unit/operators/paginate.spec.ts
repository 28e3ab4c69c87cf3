import { Observable, lastValueFrom, of, take, toArray } from 'rxjs';
import { paginate, type Page } from '../../../src/operators/paginate';
import { toAsyncIterable } from '../../../src/operators/toAsyncIterable';

/** A fake listing over 0..total-1 that records each page request. */
function listing(total: number) {
  const calls: { after: string | undefined; amount: number }[] = [];
  const fetchPage = (after: string | undefined, amount: number): Observable<Page<number>> => {
    calls.push({ after, amount });
    const start = after === undefined ? 0 : Number(after) + 1;
    const results = Array.from({ length: Math.max(0, Math.min(amount, total - start)) }, (_, i) => start + i);
    const hasMore = start + results.length < total;
    return of({
      pagination: {
        has_more: hasMore,
        next_offset: hasMore ? String(results[results.length - 1]) : '',
        results: results.length,
        max_per_page: 1000,
      },
      results,
    });
  };
  return { calls, fetchPage };
}

describe('paginate', () => {
  it('follows next_offset until has_more is false', async () => {
    const { calls, fetchPage } = listing(25);
    const all = await lastValueFrom(paginate(fetchPage, { pageSize: 10 }).pipe(toArray()));
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(calls).toEqual([
      { after: undefined, amount: 10 },
      { after: '9', amount: 10 },
      { after: '19', amount: 10 },
    ]);
  });

  it('requests no further page once the consumer has enough', async () => {
    const { calls, fetchPage } = listing(1_000_000);
    await lastValueFrom(paginate(fetchPage, { pageSize: 100 }).pipe(take(150), toArray()));
    expect(calls).toHaveLength(2);
  });

  it('caps the total with maxAmount and asks only for what it needs', async () => {
    const { calls, fetchPage } = listing(100);
    const some = await lastValueFrom(paginate(fetchPage, { pageSize: 30, maxAmount: 40 }).pipe(toArray()));
    expect(some).toHaveLength(40);
    expect(calls.map((c) => c.amount)).toEqual([30, 10]);
  });

  it('emits nothing and requests nothing for maxAmount 0', async () => {
    const { calls, fetchPage } = listing(10);
    expect(await lastValueFrom(paginate(fetchPage, { maxAmount: 0 }).pipe(toArray()))).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});

describe('toAsyncIterable', () => {
  it('iterates with for await and stops the source on break', async () => {
    const { calls, fetchPage } = listing(10_000);
    const seen: number[] = [];
    for await (const n of toAsyncIterable(paginate(fetchPage, { pageSize: 5 }))) {
      seen.push(n);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });

  it('rethrows the source error', async () => {
    const failing = new Observable<number>((s) => {
      s.next(1);
      s.error(new Error('boom'));
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of toAsyncIterable(failing)) seen.push(n);
      })(),
    ).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});
