import { Observable, Subject, lastValueFrom, take, toArray } from 'rxjs';
import { type Page, paginate } from '../../../src/operators/paginate';
import { PULL, isPullable } from '../../../src/operators/pullable';
import { listing, pageOf } from './pagedListing';

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

  it('is pullable: each pull requests one page, and only when asked', async () => {
    const { calls, fetchPage } = listing(25);
    const pages = paginate(fetchPage, { pageSize: 10 }, (n) => `#${n}`);
    expect(isPullable(pages)).toBe(true);
    const puller = pages[PULL]();
    expect(calls).toHaveLength(0);
    expect(await lastValueFrom(puller.pull())).toEqual(Array.from({ length: 10 }, (_, i) => `#${i}`));
    expect(calls).toHaveLength(1);
    expect(await lastValueFrom(puller.pull())).toHaveLength(10);
    expect(await lastValueFrom(puller.pull())).toHaveLength(5);
    expect(await lastValueFrom(puller.pull())).toEqual([]);
    expect(calls).toHaveLength(3);
  });

  it('does not move its cursor when a page request is cancelled', async () => {
    const answers = new Subject<Page<number>>();
    const calls: (string | undefined)[] = [];
    const pages = paginate(
      (after) => {
        calls.push(after);
        return calls.length === 2
          ? answers
          : new Observable<Page<number>>((s) => {
              s.next(pageOf(10, after, 3));
              s.complete();
            });
      },
      { pageSize: 3 },
    );
    const puller = pages[PULL]();
    await lastValueFrom(puller.pull());
    puller.pull().subscribe().unsubscribe();
    expect(answers.observed).toBe(false);
    expect(await lastValueFrom(puller.pull())).toEqual([3, 4, 5]);
    expect(calls).toEqual([undefined, '2', '2']);
  });

  it('skips an empty page that says more follow', async () => {
    const pages: Page<number>[] = [
      { pagination: { has_more: true, next_offset: 'a' }, results: [] },
      { pagination: { has_more: false, next_offset: '' }, results: [7] },
    ];
    let call = 0;
    const all = await lastValueFrom(
      paginate(() => new Observable<Page<number>>((s) => (s.next(pages[call++]!), s.complete()))).pipe(
        toArray(),
      ),
    );
    expect(all).toEqual([7]);
  });
});
