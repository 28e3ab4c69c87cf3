import { Subject, lastValueFrom, take, toArray } from 'rxjs';
import { deferPullable } from '../../../src/operators/deferPullable';
import { paginate } from '../../../src/operators/paginate';
import { PULL, isPullable, pullable } from '../../../src/operators/pullable';
import { pullerOf } from '../../../src/operators/pullerOf';
import { listing } from './pagedListing';

describe('pullable', () => {
  it('subscribed, pushes every chunk and asks for the next one after the previous was delivered', async () => {
    const pulled: number[] = [];
    const source = pullable(() => {
      const inner = pullerOf([1, 2, 3, 4, 5], 2);
      return { pull: () => (pulled.push(pulled.length), inner.pull()), close: () => undefined };
    });
    expect(await lastValueFrom(source.pipe(take(3), toArray()))).toEqual([1, 2, 3]);
    expect(pulled).toHaveLength(2);
  });

  it('pushes a long synchronous source without growing the stack', async () => {
    const source = pullable(() => pullerOf(Array.from({ length: 200_000 }, (_, i) => i)));
    expect(isPullable(source)).toBe(true);
    expect(await lastValueFrom(source.pipe(toArray()))).toHaveLength(200_000);
  });

  it('unsubscribing cancels the chunk in flight and closes the puller', () => {
    const chunk = new Subject<readonly number[]>();
    const close = jest.fn();
    const subscription = pullable(() => ({ pull: () => chunk, close })).subscribe();
    expect(chunk.observed).toBe(true);
    subscription.unsubscribe();
    expect(chunk.observed).toBe(false);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('a puller factory that throws fails the subscription', async () => {
    const source = pullable<number>(() => {
      throw new Error('cannot open');
    });
    await expect(lastValueFrom(source)).rejects.toThrow('cannot open');
  });

  it('piping through an operator gives a plain Observable', () => {
    const { fetchPage } = listing(3);
    expect(isPullable(paginate(fetchPage).pipe(take(1)))).toBe(false);
  });
});

describe('deferPullable', () => {
  it('builds the listing on each subscription or first pull, and stays pullable', async () => {
    const { calls, fetchPage } = listing(3);
    let built = 0;
    const source = deferPullable(() => {
      built += 1;
      return paginate(fetchPage);
    });
    expect(built).toBe(0);
    expect(isPullable(source)).toBe(true);
    const puller = source[PULL]();
    expect(built).toBe(0);
    expect(await lastValueFrom(puller.pull())).toEqual([0, 1, 2]);
    expect(await lastValueFrom(source.pipe(toArray()))).toEqual([0, 1, 2]);
    expect(built).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('a factory that throws fails the subscription and the first pull', async () => {
    const source = deferPullable<number>(() => {
      throw new Error('bad ref');
    });
    await expect(lastValueFrom(source)).rejects.toThrow('bad ref');
    await expect(lastValueFrom(source[PULL]().pull())).rejects.toThrow('bad ref');
  });
});
