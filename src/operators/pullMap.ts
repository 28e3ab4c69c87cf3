import { type ObservableInput, type OperatorFunction, mergeMap } from 'rxjs';
import { mergePulled } from './mergePulled';
import { PULL, isPullable } from './pullable';

/**
 * `mergeMap` with backpressure for listings: runs `project` for each item, at most `concurrency` at a
 * time, and asks a listing for its next page only when the work has caught up (every item of the page
 * handed to a worker and a worker free). Memory stays at about one page plus the work in flight, however
 * slow the work. Apply it directly to the listing (`branch.objects().pipe(pullMap(…))`): on any other
 * Observable, one that cannot be pulled, it is plain `mergeMap`, which buffers what the source pushes.
 * @param project - the asynchronous work for one item (and its index)
 * @param concurrency - how many items are worked on at once @default 1
 * @returns the values of each item's work, in completion order
 * @example
 * branch.objects({ prefix: 'raw/' }).pipe(
 *   pullMap((o) => o.type === 'object' ? branch.object(o.path).copy(archive, o.path) : EMPTY, 8),
 * );
 * @group Operators
 */
export function pullMap<T, R>(
  project: (item: T, index: number) => ObservableInput<R>,
  concurrency = 1,
): OperatorFunction<T, R> {
  return (source) =>
    isPullable(source)
      ? mergePulled(() => source[PULL](), project, concurrency)
      : source.pipe(mergeMap(project, concurrency));
}
