import { isObservable } from 'rxjs';
import { observableToStream } from './byteStreams';
import type { UploadData } from './UploadData';

/** Pulls an upload's data in parts of a fixed size (the last may be shorter). */
export interface PartReader {
  /** The total size when it is known up front (bytes, Blob), else undefined. */
  readonly total: number | undefined;
  /** The next part, or undefined at the end. Never called again before the previous call settled. */
  next(): Promise<Uint8Array | undefined>;
  /** Stops reading a streamed source. */
  cancel(): void;
}

function fromBytes(bytes: Uint8Array, partSize: number): PartReader {
  let offset = 0;
  return {
    total: bytes.byteLength,
    next: async () => {
      if (offset >= bytes.byteLength && !(offset === 0 && bytes.byteLength === 0)) return undefined;
      const part = bytes.subarray(offset, offset + partSize);
      offset += Math.max(partSize, 1);
      return part;
    },
    cancel: () => undefined,
  };
}

function fromBlob(blob: Blob, partSize: number): PartReader {
  let offset = 0;
  return {
    total: blob.size,
    next: async () => {
      if (offset >= blob.size && !(offset === 0 && blob.size === 0)) return undefined;
      const part = new Uint8Array(await blob.slice(offset, offset + partSize).arrayBuffer());
      offset += Math.max(partSize, 1);
      return part;
    },
    cancel: () => undefined,
  };
}

/** Gathers a stream's chunks into parts: at most one part is being filled at a time. */
function fromIterator(
  next: () => Promise<IteratorResult<Uint8Array>>,
  cancel: () => void,
  partSize: number,
): PartReader {
  let carry: Uint8Array | undefined;
  let ended = false;
  let emitted = false;
  return {
    total: undefined,
    async next() {
      const part = new Uint8Array(partSize);
      let filled = 0;
      while (filled < partSize) {
        if (!carry || carry.byteLength === 0) {
          if (ended) break;
          const r = await next();
          if (r.done) {
            ended = true;
            break;
          }
          carry = r.value;
          continue;
        }
        const take = Math.min(partSize - filled, carry.byteLength);
        part.set(carry.subarray(0, take), filled);
        filled += take;
        carry = carry.subarray(take);
      }
      if (filled === 0 && emitted) return undefined;
      emitted = true;
      return filled === partSize ? part : part.slice(0, filled);
    },
    cancel,
  };
}

/**
 * Reads `data` in parts of `partSize` bytes, pulling a streamed source only as parts are asked for, so
 * memory stays at the parts the caller holds plus the one being filled. An empty source yields one empty
 * part (an object of 0 bytes is still one part).
 */
export function readParts(data: UploadData, partSize: number): PartReader {
  if (typeof data === 'string') return fromBytes(new TextEncoder().encode(data), partSize);
  if (data instanceof Uint8Array) return fromBytes(data, partSize);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return fromBlob(data, partSize);
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) {
    const reader = data.getReader();
    return fromIterator(
      () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      () => void reader.cancel().catch(() => undefined),
      partSize,
    );
  }
  if (isObservable(data)) {
    const reader = observableToStream(data).getReader();
    return fromIterator(
      () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      () => void reader.cancel().catch(() => undefined),
      partSize,
    );
  }
  const iterator = (data as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return fromIterator(
    () => iterator.next(),
    () => void iterator.return?.()?.catch(() => undefined),
    partSize,
  );
}
