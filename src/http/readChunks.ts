import { Observable } from 'rxjs';

/**
 * Emits the chunks of a body stream, pulling the next chunk only after the previous one was delivered;
 * unsubscribing cancels the stream.
 */
export function readChunks(body: ReadableStream<Uint8Array>): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const reader = body.getReader();
    let finished = false;
    const pump = (): void => {
      reader.read().then(
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
      if (!finished) reader.cancel().catch(() => undefined);
    };
  });
}
