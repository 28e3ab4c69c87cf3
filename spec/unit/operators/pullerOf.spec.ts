import { lastValueFrom } from 'rxjs';
import { pullerOf } from '../../../src/operators/pullerOf';

describe('pullerOf', () => {
  it('draws up to `chunk` items of an iterable per pull, none before the first', async () => {
    let drawn = 0;
    function* numbers(): Generator<number> {
      for (let i = 0; i < 5; i++) {
        drawn += 1;
        yield i;
      }
    }
    const puller = pullerOf(numbers(), 2);
    expect(drawn).toBe(0);
    expect(await lastValueFrom(puller.pull())).toEqual([0, 1]);
    expect(drawn).toBe(2);
    expect(await lastValueFrom(puller.pull())).toEqual([2, 3]);
    expect(await lastValueFrom(puller.pull())).toEqual([4]);
    expect(await lastValueFrom(puller.pull())).toEqual([]);
  });

  it('draws one item of an async iterable per pull', async () => {
    let drawn = 0;
    async function* numbers(): AsyncGenerator<number> {
      for (let i = 0; i < 3; i++) {
        drawn += 1;
        yield i;
      }
    }
    const puller = pullerOf(numbers());
    expect(await lastValueFrom(puller.pull())).toEqual([0]);
    expect(drawn).toBe(1);
    expect(await lastValueFrom(puller.pull())).toEqual([1]);
    expect(await lastValueFrom(puller.pull())).toEqual([2]);
    expect(await lastValueFrom(puller.pull())).toEqual([]);
  });

  it('close() ends the iterator (its finally runs)', async () => {
    let closed = 0;
    function* numbers(): Generator<number> {
      try {
        yield* [1, 2, 3];
      } finally {
        closed += 1;
      }
    }
    async function* later(): AsyncGenerator<number> {
      try {
        yield* [1, 2, 3];
      } finally {
        closed += 1;
      }
    }
    const sync = pullerOf(numbers());
    await lastValueFrom(sync.pull());
    sync.close();
    const async = pullerOf(later());
    await lastValueFrom(async.pull());
    async.close();
    await new Promise<void>((ok) => setImmediate(ok));
    expect(closed).toBe(2);
  });
});
