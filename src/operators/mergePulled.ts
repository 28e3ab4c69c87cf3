import { Observable, type ObservableInput, Subscription, from } from 'rxjs';
import type { Puller } from './pullable';

/**
 * Runs `project` for each item a puller yields, at most `concurrency` at a time, like `mergeMap` — but
 * the puller is asked for its next chunk only when every item of the previous chunk was handed to a
 * worker and a worker is free. Memory stays at one chunk plus `concurrency` items in work, however slow
 * the work (AWS lib-storage's "N workers over one shared iterator").
 * The first error stops everything: the work in flight and the chunk being fetched are cancelled.
 * @param open - opens the puller; called once per subscription
 * @param project - the work for one item (and its index)
 * @param concurrency - how many items are worked on at once @default 1
 * @returns the values of every item's work, in completion order
 * @example
 * mergePulled(() => pullerOf(files), (f) => upload(f), 4)
 * @group Operators
 */
export function mergePulled<T, R>(
  open: () => Puller<T>,
  project: (item: T, index: number) => ObservableInput<R>,
  concurrency = 1,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    let puller: Puller<T>;
    try {
      puller = open();
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    let chunk: readonly T[] = [];
    let taken = 0;
    let index = 0;
    let exhausted = false;
    let pulling: Subscription | undefined;
    const running = new Set<Subscription>();

    const start = (item: T): void => {
      // the slot is taken before subscribing, so work that completes synchronously frees it
      const slot = new Subscription();
      running.add(slot);
      slot.add(
        from(project(item, index++)).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            running.delete(slot);
            pump();
          },
        }),
      );
    };

    const requestChunk = (): void => {
      let received: readonly T[] = [];
      const request = new Subscription();
      pulling = request;
      request.add(
        puller.pull().subscribe({
          next: (value) => (received = value),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            pulling = undefined;
            if (received.length === 0) exhausted = true;
            else chunk = received;
            pump();
          },
        }),
      );
    };

    // Re-entrant calls (work or a chunk that completes synchronously) only ask the running loop for another round.
    let pumping = false;
    let again = false;
    const pump = (): void => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          while (!subscriber.closed && running.size < concurrency && taken < chunk.length)
            start(chunk[taken++] as T);
          if (taken >= chunk.length) {
            // every item is with a worker: let the chunk go
            chunk = [];
            taken = 0;
          }
          const idle = running.size < concurrency && chunk.length === 0;
          if (!subscriber.closed && idle && !exhausted && pulling === undefined) requestChunk();
        } while (again && !subscriber.closed);
      } catch (error) {
        subscriber.error(error);
      } finally {
        pumping = false;
      }
      if (exhausted && running.size === 0 && chunk.length === 0 && !subscriber.closed) subscriber.complete();
    };

    pump();
    return () => {
      pulling?.unsubscribe();
      for (const work of running) work.unsubscribe();
      running.clear();
      if (!exhausted) puller.close();
    };
  });
}
