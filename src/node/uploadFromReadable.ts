import type { Readable } from 'node:stream';
import type { Observable } from 'rxjs';
import type { UploadEvent } from '../io/TransferEvent';
import type { ObjectInfo } from '../models/models';
import type { UploadOptions, WriteableObject } from '../resources/WriteableObject';

/**
 * Uploads the content of a Node `Readable` to `object`, pulling from it only as fast as the network
 * takes the bytes (backpressure). If the upload fails or is unsubscribed, the readable is destroyed.
 * The readable can be consumed once: subscribing a second time fails.
 * @param object - the destination
 * @param readable - the source; string chunks are sent as UTF-8
 * @param options - as for {@link WriteableObject.upload}
 * @returns the stored object's stats, or with `reportProgress` progress events then `done`
 * @group Transfers
 */
export function uploadFromReadable(
  object: WriteableObject,
  readable: Readable,
  options?: UploadOptions & { readonly reportProgress?: false },
): Observable<ObjectInfo>;
export function uploadFromReadable(
  object: WriteableObject,
  readable: Readable,
  options: UploadOptions & { readonly reportProgress: true },
): Observable<UploadEvent>;
export function uploadFromReadable(
  object: WriteableObject,
  readable: Readable,
  options?: UploadOptions,
): Observable<ObjectInfo | UploadEvent>;
export function uploadFromReadable(
  object: WriteableObject,
  readable: Readable,
  options: UploadOptions = {},
): Observable<ObjectInfo | UploadEvent> {
  // A Readable is an async iterable whose iterator pulls on demand and destroys the stream on return().
  return object.upload(readable as AsyncIterable<Uint8Array>, options);
}
