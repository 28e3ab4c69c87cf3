import type { Observable } from 'rxjs';

/**
 * Consumes an Observable with `for await`. Values pushed faster than the loop consumes them are queued;
 * breaking out of the loop unsubscribes (aborting any request in flight).
 * @example
 * for await (const obj of toAsyncIterable(branch.objects({ prefix: 'logs/' }))) console.log(obj.path);
 */
export function toAsyncIterable<T>(source: Observable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
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
          return { value: undefined, done: true };
        },
      };
    },
  };
}
