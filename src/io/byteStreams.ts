import { type Observable, type Subscription } from 'rxjs';
import { isBytes, utf8Encode } from './bytes';

/** Chunk size used to cut an in-memory array into a stream (for progress reporting). */
export const STREAM_CHUNK_BYTES = 64 * 1024;

function asBytes(value: unknown): Uint8Array {
  if (isBytes(value)) return value;
  // Node Readables with an encoding set yield strings; accept them rather than fail mid-upload.
  if (typeof value === 'string') return utf8Encode(value);
  throw new TypeError(`upload stream yielded ${Object.prototype.toString.call(value)}, expected Uint8Array`);
}

/**
 * A pull-based stream over an in-memory array, cut into views of `chunkSize` bytes (no copy).
 * @param bytes - the data
 * @param chunkSize - bytes per chunk @default 65536
 * @returns a stream that yields `bytes` in order
 */
export function bytesToStream(bytes: Uint8Array, chunkSize = STREAM_CHUNK_BYTES): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close();
          return;
        }
        const end = Math.min(bytes.byteLength, offset + chunkSize);
        controller.enqueue(bytes.subarray(offset, end));
        offset = end;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A stream that pulls from `iterable` only when its reader asks, so a slow network slows the producer.
 * Cancelling the stream calls the iterator's `return()` (which closes a Node Readable, for one).
 * @param iterable - the source of chunks
 * @returns a web stream over the same chunks
 */
export function asyncIterableToStream(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array, unknown> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= iterable[Symbol.asyncIterator]();
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(asBytes(value));
      },
      async cancel(reason) {
        await iterator?.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A stream over an Observable's chunks. The Observable is subscribed on the first read and unsubscribed
 * when the stream is cancelled. An Observable cannot be paused, so chunks that arrive faster than the
 * network takes them wait in the stream's queue; prefer an AsyncIterable or a ReadableStream for a
 * producer that outruns the network.
 * @param source - the chunks
 * @returns a web stream over the same chunks
 */
export function observableToStream(source: Observable<Uint8Array>): ReadableStream<Uint8Array> {
  let subscription: Subscription | undefined;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (subscription) return;
        subscription = source.subscribe({
          next: (chunk) => {
            if (finished) return;
            try {
              controller.enqueue(asBytes(chunk));
            } catch (error) {
              finished = true;
              controller.error(error);
              subscription?.unsubscribe();
            }
          },
          error: (error: unknown) => {
            if (finished) return;
            finished = true;
            controller.error(error);
          },
          complete: () => {
            if (finished) return;
            finished = true;
            controller.close();
          },
        });
        if (finished) subscription.unsubscribe();
      },
      cancel() {
        finished = true;
        subscription?.unsubscribe();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Wraps `source` so that `onBytes` hears about every chunk at the moment a reader pulls it.
 * @param source - the stream to observe
 * @param onBytes - called with each chunk's size, in order
 * @returns a stream yielding the same chunks
 */
export function countingStream(
  source: ReadableStream<Uint8Array>,
  onBytes: (byteLength: number) => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        const chunk = asBytes(value);
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Wraps `source` so that aborting `signal` cancels it at once (closing its producer) and fails any
 * further read. The transport needs this: after an aborted request, fetch implementations may keep
 * draining the body stream, which would run an endless producer forever.
 * @param source - the body stream
 * @param signal - aborted when the upload is abandoned
 * @returns a stream yielding the same chunks until `signal` aborts
 */
export function abortableStream(
  source: ReadableStream<Uint8Array>,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let stop: ((reason: unknown) => void) | undefined;
  const onAbort = (): void => {
    reader.cancel(signal.reason).catch(() => undefined);
    stop?.(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stop = (reason) => {
          try {
            controller.error(reason);
          } catch {
            // already closed or errored
          }
        };
        if (signal.aborted) onAbort();
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) {
          signal.removeEventListener('abort', onAbort);
          controller.close();
        } else controller.enqueue(value);
      },
      cancel(reason) {
        signal.removeEventListener('abort', onAbort);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
