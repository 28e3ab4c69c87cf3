import { Observable, Subscription, map, mergeMap } from 'rxjs';
import { ObjectStats } from '../api/models/objects';
import { decodeOrThrow } from '../http/decode';
import { ValidationError } from '../errors/clientErrors';
import { progressReporter } from '../io/progressReporter';
import { readParts } from '../io/readParts';
import type { UploadEvent } from '../io/TransferEvent';
import type { UploadData } from '../io/UploadData';
import type { ObjectInfo } from '../models/models';
import type { ClientContext } from './ClientContext';
import { presignedRequest, readableStoreErrors } from './presignedRequest';
import type { PresignedUploadTarget } from './presignedUpload';
import { uploadResult } from './uploadResult';

/**
 * Tuning of a presigned multipart upload.
 * @group Resources
 */
export interface MultipartOptions {
  /** Bytes per part (S3's minimum is 5 MiB for all but the last). @default 16 MiB */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once; memory stays at about this many parts. @default 4 */
  readonly concurrency?: number;
  /** Known sizes from this many bytes on go multipart when the server offers it. @default 64 MiB */
  readonly thresholdBytes?: number;
}

export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
export const DEFAULT_MULTIPART_THRESHOLD = 64 * 1024 * 1024;
const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

/** Options of {@link multipartUpload} (metadata already validated by the caller). */
export interface MultipartUploadOptions extends MultipartOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly reportProgress?: boolean;
}

const bareEtag = (etag: string | null): string =>
  (etag ?? '').replace(/^W\//, '').replace(/^[\s"]+|[\s"]+$/g, '');

/**
 * Uploads through lakeFS's presigned multipart API: starts an upload, then reads the data part by part
 * and keeps `concurrency` parts in flight, asking for each part's URL just before sending it (so no URL
 * signed up front can expire, lakeFS #7501), retrying a failed part per the client's retry policy, and
 * completing once with the parts' ETags. Memory stays at `concurrency` parts: the next part is read only
 * when a slot is free. An error or unsubscribing aborts the upload on the server (no orphaned upload)
 * and stops a streamed source.
 * @returns the stored object's stats, or with `reportProgress` progress events (per part) then `done`
 */
export function multipartUpload(
  ctx: ClientContext,
  target: PresignedUploadTarget,
  data: UploadData,
  options: MultipartUploadOptions = {},
): Observable<ObjectInfo | UploadEvent> {
  const { repositoryId, branchId, path } = target;
  const partSize = options.partSizeBytes ?? DEFAULT_PART_SIZE;
  const concurrency = options.concurrency ?? 4;
  return new Observable<ObjectInfo | UploadEvent>((subscriber) => {
    if (!Number.isInteger(partSize) || partSize < 1)
      throw new ValidationError('partSizeBytes', 'part size must be a positive whole number of bytes');
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new ValidationError('concurrency', 'concurrency must be a positive whole number');
    const { size, onBytes } = progressReporter(subscriber, options.reportProgress);
    const reader = readParts(data, partSize);
    if (reader.total !== undefined) {
      size.total = reader.total;
      if (Math.ceil(reader.total / partSize) > MAX_PARTS)
        throw new ValidationError(
          'partSizeBytes',
          `parts of ${partSize} bytes would be more than ${MAX_PARTS}`,
        );
    }
    const work = new Subscription();
    const etags = new Map<number, string>();
    let upload: { id: string; address: string } | undefined;
    let settled = false;
    let reading = false;
    let ended = false;
    let completing = false;
    let inFlight = 0;
    let nextPart = 1;

    const abort = (): void => {
      reader.cancel();
      if (!upload || settled) return;
      settled = true;
      // a fresh subscription: it must outlive this one, which is being torn down
      ctx.api
        .abortPresignMultipartUpload(
          repositoryId,
          branchId,
          upload.id,
          { physical_address: upload.address },
          { path },
        )
        .subscribe({ error: () => undefined });
    };
    const fail = (error: unknown): void => {
      abort();
      subscriber.error(error);
    };

    const sendPart = (n: number, part: Uint8Array, u: { id: string; address: string }): Observable<string> =>
      ctx.api
        .uploadPart(repositoryId, branchId, u.id, String(n), { physical_address: u.address }, { path })
        .pipe(
          mergeMap(({ presigned_url }) =>
            ctx.http
              .response(
                presignedRequest('PUT', presigned_url, {
                  body: part,
                  headers: { 'content-length': String(part.byteLength) },
                  idempotent: true,
                }),
                (response) => bareEtag(response.headers.get('etag')),
              )
              .pipe(readableStoreErrors()),
          ),
        );

    const complete = (u: { id: string; address: string }): void => {
      if (completing || !ended || inFlight > 0) return;
      completing = true;
      const parts = [...etags.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([part_number, etag]) => ({ part_number, etag }));
      work.add(
        ctx.api
          .completePresignMultipartUpload(
            repositoryId,
            branchId,
            u.id,
            {
              physical_address: u.address,
              parts,
              content_type: options.contentType ?? 'application/octet-stream',
              ...(options.metadata && Object.keys(options.metadata).length > 0
                ? { user_metadata: { ...options.metadata } }
                : {}),
            },
            { path },
          )
          .pipe(
            // the hand-written codec: what the object's stats are read with everywhere else
            map((stats) => decodeOrThrow(ObjectStats, stats, 'PUT staging/pmpu')),
            uploadResult(options.reportProgress),
          )
          .subscribe({
            next: (value) => {
              settled = true;
              subscriber.next(value);
            },
            error: fail,
            complete: () => subscriber.complete(),
          }),
      );
    };

    const pump = (u: { id: string; address: string }): void => {
      if (reading || ended || inFlight >= concurrency || subscriber.closed) return;
      reading = true;
      reader.next().then((part) => {
        reading = false;
        if (subscriber.closed) return;
        if (part === undefined) {
          ended = true;
          complete(u);
          return;
        }
        const n = nextPart++;
        inFlight++;
        work.add(
          sendPart(n, part, u).subscribe({
            next: (etag) => etags.set(n, etag),
            error: fail,
            complete: () => {
              inFlight--;
              onBytes?.(part.byteLength);
              complete(u);
              pump(u);
            },
          }),
        );
        pump(u);
      }, fail);
    };

    work.add(
      ctx.api.createPresignMultipartUpload(repositoryId, branchId, { path }).subscribe({
        next: (created) => {
          upload = { id: created.upload_id, address: created.physical_address };
          pump(upload);
        },
        error: (error: unknown) => subscriber.error(error),
      }),
    );
    return () => {
      work.unsubscribe();
      abort();
    };
  });
}

/**
 * Whether an upload of `data` should go multipart: a known size at or over the threshold; a source of
 * unknown size (a stream) only when asked for (`true` or tuning options).
 */
export function wantsMultipart(data: UploadData, options: MultipartOptions | boolean | undefined): boolean {
  if (options === false) return false;
  if (options === true) return true;
  const threshold = options?.thresholdBytes ?? DEFAULT_MULTIPART_THRESHOLD;
  const known =
    typeof data === 'string'
      ? data.length * 3 >= threshold // UTF-8 upper bound, checked exactly below
        ? new TextEncoder().encode(data).byteLength
        : 0
      : data instanceof Uint8Array
        ? data.byteLength
        : typeof Blob !== 'undefined' && data instanceof Blob
          ? data.size
          : undefined;
  if (known === undefined) return options !== undefined;
  return known >= threshold && known > MIN_PART_SIZE;
}
