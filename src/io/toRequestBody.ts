import { isObservable } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import type { RequestBody } from '../http/types';
import { isBytes, utf8Encode } from './bytes';
import {
  abortableStream,
  asyncIterableToStream,
  bytesToStream,
  countingStream,
  observableToStream,
} from './byteStreams';
import type { UploadData } from './UploadData';

/** An upload body ready for the transport. */
export interface PreparedBody {
  readonly body: RequestBody;
  /** Size in bytes when the source knows it (strings, arrays, Blobs). */
  readonly total?: number;
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return (
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as { getReader?: unknown }).getReader === 'function' &&
      typeof (value as { pipeTo?: unknown }).pipeTo === 'function')
  );
}

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/** Options of {@link toRequestBody}. */
export interface RequestBodyOptions {
  /** Progress hook, called with each chunk's size as the transport pulls it. */
  readonly onBytes?: (byteLength: number) => void;
  /** When aborted, streamed sources are cancelled and the body fails (see {@link abortableStream}). */
  readonly signal?: AbortSignal;
}

/**
 * Turns upload data into a request body without reading it: in-memory data is sent as is, everything
 * else as a pull-based `ReadableStream`. With `onBytes`, the body becomes a stream that reports each
 * chunk as the transport pulls it (that is how upload progress is measured).
 * @param data - what to upload
 * @param options - progress hook and abort signal; see {@link RequestBodyOptions}
 * @returns the body and, when known, its size
 * @throws ValidationError when `data` is none of the accepted kinds
 */
export function toRequestBody(data: UploadData, options: RequestBodyOptions = {}): PreparedBody {
  const { onBytes, signal } = options;
  const counted = (stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> => {
    const guarded = signal ? abortableStream(stream, signal) : stream;
    return onBytes ? countingStream(guarded, onBytes) : guarded;
  };
  if (typeof data === 'string') data = utf8Encode(data);
  if (isBytes(data)) return { body: onBytes ? counted(bytesToStream(data)) : data, total: data.byteLength };
  if (isBlob(data)) return { body: onBytes ? counted(data.stream()) : data, total: data.size };
  if (isReadableStream(data)) return { body: counted(data) };
  if (isObservable(data)) return { body: counted(observableToStream(data)) };
  if (isAsyncIterable(data)) return { body: counted(asyncIterableToStream(data)) };
  throw new ValidationError(
    'data',
    'expected a string, Uint8Array, Blob, ReadableStream, AsyncIterable<Uint8Array> or Observable<Uint8Array>',
  );
}
