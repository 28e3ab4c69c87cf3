import { type Observable, defer, from, map, of } from 'rxjs';
import { PULL, type Pullable, type Puller } from './pullable';

/**
 * Anything a pulling consumer can read on demand.
 * @group Operators
 */
export type PullSource<T> = Iterable<T> | AsyncIterable<T> | Pullable<T>;

const isAsyncIterable = <T>(source: PullSource<T>): source is AsyncIterable<T> =>
  typeof (source as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] === 'function';

const isPullableSource = <T>(source: PullSource<T>): source is Pullable<T> =>
  typeof (source as Partial<Pullable<T>>)[PULL] === 'function';

/**
 * A puller over an iterable (up to `chunk` items per pull, drawn synchronously), an async iterable (one
 * item per pull) or a {@link Pullable} (its own chunks, e.g. pages). Nothing is read before the first pull.
 * @param source - what to read
 * @param chunk - most items per pull from a synchronous iterable @default 1
 * @example
 * pullerOf(paths, 1000).pull().subscribe(batch => console.log(batch.length));
 * @group Operators
 */
export function pullerOf<T>(source: PullSource<T>, chunk = 1): Puller<T> {
  if (isPullableSource(source)) return source[PULL]();
  if (isAsyncIterable(source)) {
    let iterator: AsyncIterator<T> | undefined;
    let done = false;
    return {
      pull: (): Observable<readonly T[]> =>
        defer(() => {
          if (done) return of<readonly T[]>([]);
          iterator ??= source[Symbol.asyncIterator]();
          return from(iterator.next()).pipe(
            map((step): readonly T[] => {
              if (step.done === true) {
                done = true;
                return [];
              }
              return [step.value];
            }),
          );
        }),
      close: () => {
        if (!done) void iterator?.return?.()?.catch(() => undefined);
        done = true;
      },
    };
  }
  let iterator: Iterator<T> | undefined;
  let done = false;
  return {
    pull: (): Observable<readonly T[]> =>
      defer(() => {
        iterator ??= source[Symbol.iterator]();
        const items: T[] = [];
        while (!done && items.length < chunk) {
          const step = iterator.next();
          if (step.done) done = true;
          else items.push(step.value);
        }
        return of(items);
      }),
    close: () => {
      if (!done) iterator?.return?.();
      done = true;
    },
  };
}
