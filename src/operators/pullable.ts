import { Observable, type Subscription } from 'rxjs';

/**
 * Reads a source one chunk at a time, on demand (an octokit-style iterator, cancellable the RxJS way).
 * A listing's chunk is a page.
 * @group Operators
 */
export interface Puller<T> {
  /**
   * Asks for the next chunk: emits it once and completes; an empty chunk means the source is exhausted.
   * Unsubscribing cancels the request (aborting a page in flight). Not called again before the previous
   * call's Observable completed.
   */
  pull(): Observable<readonly T[]>;
  /** Releases the source when the consumer stops before the end (e.g. an iterator's `return()`). */
  close(): void;
}

/**
 * The key under which a {@link Pullable} offers its puller. `Symbol.for`, so that the ESM and the CJS
 * build of the package recognise each other's listings.
 * @group Operators
 */
export const PULL: unique symbol = Symbol.for('lakefs-rx.pull');

/**
 * An Observable that can also be pulled: subscribed, it pushes every item (asking for the next chunk once
 * the previous one was delivered); pulled through `[PULL]()`, it fetches a chunk only when asked.
 * `toAsyncIterable`, `pullMap`, `deleteObjects` and `uploadAll` pull, so a slow consumer holds about one
 * chunk. Operators applied with `pipe` return plain Observables: apply `pullMap` (or iterate) directly on
 * the listing to keep the pull.
 * @group Operators
 */
export interface Pullable<T> extends Observable<T> {
  /** Opens a fresh puller over the source (each call starts from the beginning). */
  readonly [PULL]: () => Puller<T>;
}

/**
 * True when `source` can be pulled (see {@link Pullable}).
 * @group Operators
 */
export function isPullable<T>(source: Observable<T>): source is Pullable<T> {
  return typeof (source as Partial<Pullable<T>>)[PULL] === 'function';
}

/**
 * Makes a {@link Pullable} from a puller factory. Subscribing pushes the chunks' items and asks for the
 * next chunk right after the previous one's items were delivered, while the subscriber is still there;
 * unsubscribing cancels the chunk in flight.
 * @param open - opens a puller; called once per subscription and once per `[PULL]()`
 * @example
 * const numbers = pullable(() => pullerOf([1, 2, 3], 2));
 * @group Operators
 */
export function pullable<T>(open: () => Puller<T>): Pullable<T> {
  const observable = new Observable<T>((subscriber) => {
    let puller: Puller<T>;
    try {
      puller = open();
    } catch (error) {
      subscriber.error(error);
      return undefined;
    }
    let current: Subscription | undefined;
    let finished = false;
    // A chunk that arrives synchronously only asks the running loop for another round (no recursion).
    let looping = false;
    let again = false;
    const requestChunk = (): void => {
      let delivered = false;
      current = puller.pull().subscribe({
        next: (chunk) => {
          for (const item of chunk) {
            if (subscriber.closed) return;
            subscriber.next(item);
          }
          delivered = chunk.length > 0;
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (subscriber.closed) return;
          if (!delivered) {
            finished = true;
            subscriber.complete();
          } else loop();
        },
      });
    };
    const loop = (): void => {
      if (looping) {
        again = true;
        return;
      }
      looping = true;
      do {
        again = false;
        requestChunk();
      } while (again && !subscriber.closed);
      looping = false;
    };
    loop();
    return () => {
      current?.unsubscribe();
      if (!finished) puller.close();
    };
  });
  return Object.assign(observable, { [PULL]: open });
}
