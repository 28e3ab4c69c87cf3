import { TestScheduler } from 'rxjs/testing';
import { EMPTY, lastValueFrom, mergeMap, of, throwError, toArray } from 'rxjs';
import { paginate } from '../../../src/operators/paginate';
import { pullMap } from '../../../src/operators/pullMap';
import { pageOf } from './pagedListing';

/** The helpers `TestScheduler.run` hands its callback. */
type RunHelpers = Parameters<Parameters<TestScheduler['run']>[0]>[0];

describe('pullMap', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  /** Three pages of two items, each page answering 2 frames after it is requested. */
  function pages(cold: RunHelpers['cold']) {
    const answers = [0, 1, 2].map((i) =>
      cold('--(p|)', { p: pageOf(6, i === 0 ? undefined : String(2 * i - 1), 2) }),
    );
    return {
      answers,
      listing: paginate((after) => answers[after === undefined ? 0 : (Number(after) + 1) / 2]!, {
        pageSize: 2,
      }),
    };
  }

  it('asks for the next page only when the work has caught up', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const { answers, listing } = pages(cold);
      const work = (n: number) => cold('----(r|)', { r: n * 10 });
      expectObservable(listing.pipe(pullMap(work, 2))).toBe('------(ab)--(cd)--(ef|)', {
        a: 0,
        b: 10,
        c: 20,
        d: 30,
        e: 40,
        f: 50,
      });
      // page 1 is requested when page 0's two items are done, page 2 when page 1's are
      expectSubscriptions(answers[0]!.subscriptions).toBe('^-!');
      expectSubscriptions(answers[1]!.subscriptions).toBe('------^-!');
      expectSubscriptions(answers[2]!.subscriptions).toBe('------------^-!');
    });
  });

  it('starts the next page as soon as a worker is free, not when all are', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const { answers, listing } = pages(cold);
      const work = (n: number) => cold(n % 2 === 0 ? '-(r|)' : '-----(r|)', { r: n });
      // items 1, 3 and 5 take 5 frames, the others 1: a free worker pulls the next page while 1 still runs
      expectObservable(listing.pipe(pullMap(work, 2))).toBe('---a--bc--de---(f|)', {
        a: 0,
        b: 2,
        c: 1,
        d: 4,
        e: 3,
        f: 5,
      });
      expectSubscriptions(answers[1]!.subscriptions).toBe('---^-!');
      expectSubscriptions(answers[2]!.subscriptions).toBe('-------^-!');
    });
  });

  it('is mergeMap on an Observable that cannot be pulled: every page is requested at once', () => {
    scheduler.run(({ cold, expectSubscriptions, expectObservable }) => {
      const { answers, listing } = pages(cold);
      const work = (n: number) => cold('----(r|)', { r: n });
      // `mergeMap(of)` hides the listing's pull: what follows sees a plain Observable
      expectObservable(
        listing.pipe(
          mergeMap((n) => of(n)),
          pullMap(work, 2),
        ),
      ).toBe('------(ab)(cd)(ef|)', { a: 0, b: 1, c: 2, d: 3, e: 4, f: 5 });
      expectSubscriptions(answers[1]!.subscriptions).toBe('--^-!');
      expectSubscriptions(answers[2]!.subscriptions).toBe('----^-!');
    });
  });

  it('unsubscribing cancels the work and the page in flight', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const { answers, listing } = pages(cold);
      const work = (n: number) => cold('-(r|)', { r: n });
      expectObservable(listing.pipe(pullMap(work, 2)), '^---!').toBe('---(ab)', { a: 0, b: 1 });
      expectSubscriptions(answers[1]!.subscriptions).toBe('---^!');
      expectSubscriptions(answers[2]!.subscriptions).toBe([]);
    });
  });

  it('stops at the first error of the work', async () => {
    const listing = paginate((after, amount) => of(pageOf(100, after, amount)), { pageSize: 10 });
    const done: number[] = [];
    const result = lastValueFrom(
      listing.pipe(
        pullMap((n) => (n === 13 ? throwError(() => new Error(`no ${n}`)) : (done.push(n), EMPTY))),
      ),
    );
    await expect(result).rejects.toThrow('no 13');
    expect(done).toEqual(Array.from({ length: 13 }, (_, i) => i));
  });

  it('works through a long synchronous listing without growing the stack', async () => {
    const listing = paginate((after, amount) => of(pageOf(200_000, after, amount)), { pageSize: 1 });
    const all = await lastValueFrom(
      listing.pipe(
        pullMap((n) => of(n)),
        toArray(),
      ),
    );
    expect(all).toHaveLength(200_000);
  });
});
