import { isBytes, utf8Encode } from './bytes';
import { createMd5, md5Of } from './createMd5';
import { type PreparedBody, type RequestBodyOptions, toRequestBody } from './toRequestBody';
import type { UploadData } from './UploadData';

/** An upload body that can also tell the MD5 and size of what it sent (for the presigned staging flow). */
export interface DigestedBody extends PreparedBody {
  /**
   * The size of the content: known up front for in-memory data and Blobs, counted as a stream is sent.
   * @returns the number of bytes
   * @throws Error when a streamed body was not sent to its end
   */
  sizeBytes(): number;
  /**
   * The hex MD5 of the content. Streamed sources are hashed as they are sent (available once the body was
   * read to its end); in-memory data and Blobs are hashed on demand, since they can be read again, so a
   * caller that gets the checksum elsewhere (an ETag) never pays for it.
   * @returns a promise of 32 hex digits; rejects when a streamed body was not sent to its end
   */
  md5(): Promise<string>;
}

const isBlob = (value: unknown): value is Blob => typeof Blob !== 'undefined' && value instanceof Blob;

async function blobMd5(blob: Blob): Promise<string> {
  const md5 = createMd5();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    md5.update(value);
  }
  return md5.hex();
}

/** Passes a stream through, showing every chunk to `onChunk` and telling `onEnd` when it completed. */
function tapStream(
  source: ReadableStream<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
  onEnd: () => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          onEnd();
          controller.close();
          return;
        }
        onChunk(value);
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Like {@link toRequestBody} (progress hook and abort signal included), plus the content's MD5 and size,
 * which lakeFS needs to link data uploaded straight to the object store.
 * @param data - what to upload
 * @param options - progress hook and abort signal
 * @returns the body, its size when known, and the means to learn its size and MD5 once sent
 * @throws ValidationError when `data` is none of the accepted kinds
 */
export function toDigestedBody(data: UploadData, options: RequestBodyOptions = {}): DigestedBody {
  const source = typeof data === 'string' ? utf8Encode(data) : data;
  const prepared = toRequestBody(source, options);
  if (isBytes(source))
    return { ...prepared, sizeBytes: () => source.byteLength, md5: async () => md5Of(source) };
  if (isBlob(source)) return { ...prepared, sizeBytes: () => source.size, md5: () => blobMd5(source) };
  const md5 = createMd5();
  let counted = 0;
  let ended = false;
  const body = tapStream(
    prepared.body as ReadableStream<Uint8Array>,
    (chunk) => {
      md5.update(chunk);
      counted += chunk.byteLength;
    },
    () => (ended = true),
  );
  const whole = (): void => {
    if (!ended) throw new Error('the upload body was not sent to its end');
  };
  return {
    body,
    ...(prepared.total !== undefined ? { total: prepared.total } : {}),
    sizeBytes: () => {
      whole();
      return counted;
    },
    md5: async () => {
      whole();
      return md5.hex();
    },
  };
}
