import { Observable } from 'rxjs';

/** A response body: a WHATWG stream (global fetch, browsers) or an async iterable (node-fetch's Node stream). */
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

function iteratorOf(body: BodySource): AsyncIterator<Uint8Array> {
  if ('getReader' in body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  return (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
}

/**
 * Emits the chunks of a body, pulling the next chunk only after the previous one was delivered;
 * unsubscribing cancels the body.
 */
export function readChunks(body: BodySource): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const iterator = iteratorOf(body);
    let finished = false;
    const pump = (): void => {
      iterator.next().then(
        ({ done, value }) => {
          if (subscriber.closed) return;
          if (done) {
            finished = true;
            subscriber.complete();
            return;
          }
          if (value.byteLength > 0) subscriber.next(value);
          pump();
        },
        (error: unknown) => {
          finished = true;
          subscriber.error(error);
        },
      );
    };
    pump();
    return () => {
      if (!finished) iterator.return?.().catch(() => undefined);
    };
  });
}
