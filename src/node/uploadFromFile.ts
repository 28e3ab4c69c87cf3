import { openAsBlob } from 'node:fs';
import { type Observable, defer, from, mergeMap } from 'rxjs';
import type { UploadEvent } from '../io/TransferEvent';
import type { ObjectInfo } from '../models/models';
import type { UploadOptions, WriteableObject } from '../resources/WriteableObject';

/**
 * Uploads a local file to `object`, streaming it from disk (the file is never read whole). The size is
 * known up front, so progress events carry `total`.
 * @param object - the destination, e.g. `repo.branch('main').object('data/a.parquet')`
 * @param filePath - the file to send
 * @param options - as for {@link WriteableObject.upload}
 * @returns the stored object's stats, or with `reportProgress` progress events then `done`
 * @example
 * uploadFromFile(branch.object('raw/events.json'), './events.json', { contentType: 'application/json' }).subscribe();
 * @group Transfers
 */
export function uploadFromFile(
  object: WriteableObject,
  filePath: string,
  options?: UploadOptions & { readonly reportProgress?: false },
): Observable<ObjectInfo>;
export function uploadFromFile(
  object: WriteableObject,
  filePath: string,
  options: UploadOptions & { readonly reportProgress: true },
): Observable<UploadEvent>;
export function uploadFromFile(
  object: WriteableObject,
  filePath: string,
  options?: UploadOptions,
): Observable<ObjectInfo | UploadEvent>;
export function uploadFromFile(
  object: WriteableObject,
  filePath: string,
  options: UploadOptions = {},
): Observable<ObjectInfo | UploadEvent> {
  // A file-backed Blob streams from disk when sent and tells its size without reading.
  return defer(() => from(openAsBlob(filePath))).pipe(mergeMap((blob) => object.upload(blob, options)));
}
