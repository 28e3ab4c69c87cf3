import { isBytes, utf8Encode } from './bytes';
import { createMd5, md5Of } from './createMd5';
import type { UploadData } from './UploadData';

/** Upload data that can be read again for a retry: bytes (a string is encoded once) or a Blob. */
export type ReplayableData = Uint8Array | Blob;

const isBlob = (value: unknown): value is Blob => typeof Blob !== 'undefined' && value instanceof Blob;

/**
 * The replayable form of `data`, or `undefined` for a one-shot source (a stream, an async iterable, an
 * Observable), which cannot be sent twice. A Node file helper's source (`uploadFromFile`) is a Blob
 * re-opened from the file on each read, so it is replayable too.
 * @param data - what to upload
 * @returns bytes or a Blob, or undefined
 */
export function replayableData(data: UploadData): ReplayableData | undefined {
  if (typeof data === 'string') return utf8Encode(data);
  if (isBytes(data) || isBlob(data)) return data;
  return undefined;
}

/** The size of replayable data in bytes. */
export function sizeOfData(data: ReplayableData): number {
  return isBlob(data) ? data.size : data.byteLength;
}

/** The hex MD5 of replayable data (a Blob is streamed through the hash). */
export async function md5OfData(data: ReplayableData): Promise<string> {
  if (!isBlob(data)) return md5Of(data);
  const md5 = createMd5();
  const reader = data.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return md5.hex();
    md5.update(value);
  }
}
