import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { Observable } from 'rxjs';
import { countingStream } from '../io/byteStreams';
import type { DownloadDone, TransferProgress } from '../io/TransferEvent';
import type { ReadStreamOptions, StoredObject } from '../resources/StoredObject';

/**
 * Options of {@link downloadToFile}.
 * @group Transfers
 */
export interface DownloadToFileOptions extends ReadStreamOptions {
  /** Emit `{ type: 'progress', loaded }` events as bytes arrive, then `{ type: 'done', loaded }`. @default false */
  readonly reportProgress?: boolean;
}

/**
 * What {@link downloadToFile} emits with `reportProgress: true`.
 * @group Transfers
 */
export type FileDownloadEvent = TransferProgress | DownloadDone;

/**
 * Writes the object's content to a local file, reading from the network only as fast as the disk
 * accepts (the object is never held whole). On failure or unsubscribe the request is aborted and the
 * partial file removed.
 * @param object - the object to read
 * @param filePath - the file to create or overwrite
 * @param options - a byte range and progress; see {@link DownloadToFileOptions}
 * @returns the number of bytes written, or with `reportProgress` progress events then `done`
 * @example
 * downloadToFile(repo.ref('v1').object('model.bin'), '/tmp/model.bin').subscribe(n => console.log(n, 'bytes'));
 * @group Transfers
 */
export function downloadToFile(
  object: StoredObject,
  filePath: string,
  options?: DownloadToFileOptions & { readonly reportProgress?: false },
): Observable<number>;
export function downloadToFile(
  object: StoredObject,
  filePath: string,
  options: DownloadToFileOptions & { readonly reportProgress: true },
): Observable<FileDownloadEvent>;
export function downloadToFile(
  object: StoredObject,
  filePath: string,
  options?: DownloadToFileOptions,
): Observable<number | FileDownloadEvent>;
export function downloadToFile(
  object: StoredObject,
  filePath: string,
  options: DownloadToFileOptions = {},
): Observable<number | FileDownloadEvent> {
  return new Observable<number | FileDownloadEvent>((subscriber) => {
    const controller = new AbortController();
    let loaded = 0;
    const body = countingStream(object.readStream(options), (byteLength) => {
      loaded += byteLength;
      if (options.reportProgress && !subscriber.closed) subscriber.next({ type: 'progress', loaded });
    });
    pipeline(
      Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>),
      createWriteStream(filePath),
      { signal: controller.signal },
    ).then(
      () => {
        subscriber.next(options.reportProgress ? { type: 'done', loaded } : loaded);
        subscriber.complete();
      },
      (error: unknown) => {
        unlink(filePath).catch(() => undefined);
        if (!subscriber.closed) subscriber.error(error);
      },
    );
    return () => controller.abort();
  });
}
