import { Observable, type OperatorFunction } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';

/**
 * Re-cuts a byte stream into chunks of exactly `size` bytes (the last one may be shorter). Large input
 * chunks are split into views without copying; small ones are gathered into a fresh buffer, so at most
 * `size` bytes are held at any time.
 * @param size - bytes per emitted chunk, a positive integer
 * @returns an operator on `Observable<Uint8Array>`
 * @example
 * object.read().pipe(rechunk(1024 * 1024)).subscribe(mebibyte => hash.update(mebibyte));
 * @group Operators
 */
export function rechunk(size: number): OperatorFunction<Uint8Array, Uint8Array> {
  return (source) =>
    new Observable<Uint8Array>((subscriber) => {
      if (!Number.isSafeInteger(size) || size <= 0)
        throw new ValidationError('chunkSize', `${size} is not a positive integer`);
      let pending: Uint8Array | undefined;
      let filled = 0;
      return source.subscribe({
        next: (chunk) => {
          let offset = 0;
          if (pending) {
            const take = Math.min(size - filled, chunk.byteLength);
            pending.set(chunk.subarray(0, take), filled);
            filled += take;
            offset = take;
            if (filled < size) return;
            subscriber.next(pending);
            pending = undefined;
            filled = 0;
          }
          while (chunk.byteLength - offset >= size) {
            subscriber.next(chunk.subarray(offset, offset + size));
            offset += size;
          }
          if (offset < chunk.byteLength) {
            pending = new Uint8Array(size);
            pending.set(chunk.subarray(offset));
            filled = chunk.byteLength - offset;
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (pending) subscriber.next(pending.subarray(0, filled));
          pending = undefined;
          subscriber.complete();
        },
      });
    });
}
