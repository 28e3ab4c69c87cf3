import type { Observable } from 'rxjs';

/**
 * Everything an upload accepts. Strings are sent as UTF-8; streams, async iterables and Observables are
 * streamed to the server as they produce, never gathered in memory first.
 * @group Resources
 */
export type UploadData =
  | string
  | Uint8Array
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Observable<Uint8Array>;
