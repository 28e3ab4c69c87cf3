import type { Subscriber } from 'rxjs';
import type { UploadEvent } from './TransferEvent';

/** Byte counts of a transfer; `total` is set once the body's size is known. */
export interface TransferSize {
  loaded: number;
  total?: number;
}

/**
 * Counts bytes as they go out and, when `enabled`, emits a `{ type: 'progress', loaded, total? }` event per
 * count to `subscriber`. Returns the running size and the callback to hand to the body (undefined when off).
 */
export function progressReporter<T>(
  subscriber: Subscriber<T | UploadEvent>,
  enabled: boolean | undefined,
): { size: TransferSize; onBytes: ((byteLength: number) => void) | undefined } {
  const size: TransferSize = { loaded: 0 };
  const onBytes = enabled
    ? (byteLength: number): void => {
        size.loaded += byteLength;
        const { loaded, total } = size;
        if (!subscriber.closed)
          subscriber.next({ type: 'progress', loaded, ...(total !== undefined ? { total } : {}) });
      }
    : undefined;
  return { size, onBytes };
}

/**
 * Progress over retries: each call starts one attempt's byte count, and `onBytes` hears only bytes beyond
 * the most any attempt has sent, so a resent body never makes `loaded` go back.
 * @param onBytes - the reporter's callback
 * @returns a function to call at the start of every attempt, giving that attempt's callback
 */
export function perAttempt(onBytes: (byteLength: number) => void): () => (byteLength: number) => void {
  let reported = 0;
  return () => {
    let sent = 0;
    return (byteLength) => {
      sent += byteLength;
      if (sent > reported) {
        onBytes(sent - reported);
        reported = sent;
      }
    };
  };
}
