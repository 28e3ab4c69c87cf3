import { Observable, Subject, of } from 'rxjs';
import { type Page, paginate } from '../../../src/operators/paginate';
import { toAsyncIterable } from '../../../src/operators/toAsyncIterable';
import { listing, pageOf } from './pagedListing';

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

  it('pulls a listing: the next page is requested only when the loop has used up the current one', async () => {
    const { calls, fetchPage } = listing(2300);
    const requestedAt: number[] = [];
    let row = 0;
    for await (const n of toAsyncIterable(paginate(fetchPage, { pageSize: 100 }))) {
      expect(n).toBe(row);
      row += 1;
      requestedAt.push(calls.length);
      // a slow body: the loop yields to the event loop many times per row
      for (let i = 0; i < 3; i++) await new Promise<void>((ok) => setImmediate(ok));
    }
    expect(row).toBe(2300);
    // while row r is processed, exactly the pages up to r's own were requested
    expect(requestedAt.every((pages, r) => pages === Math.floor(r / 100) + 1)).toBe(true);
    expect(calls).toHaveLength(23);
  });

  it('queues what a plain Observable pushes', async () => {
    const seen: number[] = [];
    for await (const n of toAsyncIterable(of(1, 2, 3))) seen.push(n);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('return() while a page is in flight cancels it and ends the pending next()', async () => {
    const second = new Subject<Page<number>>();
    let requests = 0;
    const pages = paginate<number>(
      (after, amount) => {
        requests += 1;
        return requests === 1 ? of(pageOf(10, after, amount)) : second;
      },
      { pageSize: 1 },
    );
    const rows = toAsyncIterable(pages)[Symbol.asyncIterator]();
    expect(await rows.next()).toEqual({ value: 0, done: false });
    const pending = rows.next();
    expect(second.observed).toBe(true);
    await rows.return!();
    expect(second.observed).toBe(false);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(await rows.next()).toEqual({ value: undefined, done: true });
  });

  it('rethrows a page error and then ends', async () => {
    const pages = paginate<number>(() => new Observable((s) => s.error(new Error('page failed'))));
    const rows = toAsyncIterable(pages)[Symbol.asyncIterator]();
    await expect(rows.next()).rejects.toThrow('page failed');
    expect(await rows.next()).toEqual({ value: undefined, done: true });
  });
});
