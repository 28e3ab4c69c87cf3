import { type Observable, defaultIfEmpty, defer, mergeMap, of } from 'rxjs';
import type { Puller } from './pullable';

/**
 * Regroups a puller's chunks into batches of `size` items (the last one shorter): each pull emits one
 * batch, reading as many of the source's chunks as it takes and keeping the rest of the last one. It holds
 * at most one batch plus one source chunk.
 * @param source - the puller to regroup
 * @param size - items per batch
 * @returns a puller whose chunks each hold one batch
 * @example
 * batchPuller(pullerOf(listing), 1000) // one batch of 1000 paths per pull, across page boundaries
 */
export function batchPuller<T>(source: Puller<T>, size: number): Puller<readonly T[]> {
  let leftover: readonly T[] = [];
  let exhausted = false;
  const fill = (batch: T[]): Observable<readonly (readonly T[])[]> =>
    defer(() => {
      const taken = Math.min(size - batch.length, leftover.length);
      batch.push(...leftover.slice(0, taken));
      leftover = leftover.slice(taken);
      if (batch.length >= size || exhausted) return of(batch.length === 0 ? [] : [batch]);
      return source.pull().pipe(
        defaultIfEmpty([] as readonly T[]),
        mergeMap((chunk) => {
          if (chunk.length === 0) exhausted = true;
          else leftover = chunk;
          return fill(batch);
        }),
      );
    });
  return { pull: () => fill([]), close: () => source.close() };
}
