import type { Observable, Subscription } from 'rxjs';
import { PULL, type Pullable, type Puller, isPullable } from './pullable';

/** Pulls a listing chunk by chunk: the next chunk is requested when the loop asks past the current one. */
function pulledIterator<T>(source: Pullable<T>): AsyncIterator<T> {
  let puller: Puller<T> | undefined;
  let chunk: readonly T[] = [];
  let taken = 0;
  let done = false;
  let pending: { subscription: Subscription; stop: () => void } | undefined;
  const pullChunk = (from: Puller<T>): Promise<readonly T[]> =>
    new Promise<readonly T[]>((resolve, reject) => {
      let received: readonly T[] = [];
      const stop = (): void => resolve([]);
      pending = {
        stop,
        subscription: from.pull().subscribe({
          next: (value) => (received = value),
          error: reject,
          complete: () => resolve(received),
        }),
      };
    }).finally(() => (pending = undefined));
  const finish = (): void => {
    if (!done) puller?.close();
    done = true;
    chunk = [];
  };
  return {
    async next(): Promise<IteratorResult<T>> {
      try {
        while (!done) {
          if (taken < chunk.length) return { value: chunk[taken++] as T, done: false };
          chunk = [];
          taken = 0;
          puller ??= source[PULL]();
          chunk = await pullChunk(puller);
          if (chunk.length === 0) done = true;
        }
      } catch (error) {
        finish();
        throw error;
      }
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<T>> {
      pending?.subscription.unsubscribe();
      pending?.stop();
      finish();
      return { value: undefined, done: true };
    },
  };
}

/** Subscribes and queues what the source pushes faster than the loop consumes it. */
function queuedIterator<T>(source: Observable<T>): AsyncIterator<T> {
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  const subscription = source.subscribe({
    next: (value) => {
      queue.push(value);
      notify();
    },
    error: (error: unknown) => {
      failure = { error };
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
  });
  return {
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        if (queue.length > 0) return { value: queue.shift() as T, done: false };
        if (failure) throw failure.error;
        if (done) return { value: undefined, done: true };
        await new Promise<void>((ok) => (wake = ok));
      }
    },
    async return(): Promise<IteratorResult<T>> {
      subscription.unsubscribe();
      done = true;
      queue.length = 0;
      notify();
      return { value: undefined, done: true };
    },
  };
}

/**
 * Consumes an Observable with `for await`. A listing (a {@link Pullable}: `objects()`, `log()`,
 * `branches()`…) is pulled: the next page is requested only when the loop has used up the current one,
 * so the loop holds about one page however slow its body. Any other Observable is subscribed and what it
 * pushes faster than the loop consumes is queued. Breaking out of the loop unsubscribes (aborting any
 * request in flight).
 * @param source - the Observable to iterate; each `for await` subscribes (or pulls) afresh
 * @example
 * for await (const obj of toAsyncIterable(branch.objects({ prefix: 'logs/' }))) await process(obj);
 * @group Operators
 */
export function toAsyncIterable<T>(source: Observable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<T> =>
      isPullable(source) ? pulledIterator(source) : queuedIterator(source),
  };
}
