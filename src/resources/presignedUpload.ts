import { Observable, catchError, defer, from, map, mergeMap, of, take } from 'rxjs';
import type { ObjectStats } from '../api/models/objects';
import type { RequestBodySource } from '../http/types';

import { md5OfData, replayableData, sizeOfData } from '../io/replayableData';
import { toRequestBody } from '../io/toRequestBody';
import { settleConditionalWrite } from './settleConditionalWrite';
import { UnsupportedOperationError } from '../errors/ServerError';
import { toDigestedBody } from '../io/digestedBody';
import type { UploadEvent } from '../io/TransferEvent';
import type { UploadData } from '../io/UploadData';
import type { ObjectInfo } from '../models/models';
import type { ClientContext } from './ClientContext';
import { presignedRequest, readableStoreErrors } from './presignedRequest';
import { perAttempt, progressReporter } from '../io/progressReporter';
import { uploadResult } from './uploadResult';

/** Where a presigned upload goes. */
export interface PresignedUploadTarget {
  readonly repositoryId: string;
  readonly branchId: string;
  readonly path: string;
}

/** Options of {@link presignedUpload} (already validated by the caller). */
export interface PresignedUploadOptions {
  /** @default 'application/octet-stream' */
  readonly contentType?: string;
  /** User metadata, recorded by the link request. @default {} */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Link with `If-None-Match: *` (412 when the path exists). @default false */
  readonly ifAbsent?: boolean;
  /** Emit progress events, then `done`. @default false */
  readonly reportProgress?: boolean;
}

/**
 * User metadata as the link request records it. Keys are lower-cased (the first of colliding keys wins)
 * so that an object's metadata does not depend on the transfer path: the direct upload sends them as
 * `X-Lakefs-Meta-*` headers, which lakeFS stores lower-cased, while the link body would keep their case.
 */
function linkedMetadata(metadata: Readonly<Record<string, string>> | undefined): {
  user_metadata?: Record<string, string>;
} {
  const entries = Object.entries(metadata ?? {});
  if (entries.length === 0) return {};
  const lowered: Record<string, string> = {};
  for (const [key, value] of entries) lowered[key.toLowerCase()] ??= value;
  return { user_metadata: lowered };
}

/** An ETag without quotes or weak marker, or undefined when there is none to use as a checksum. */
function etagChecksum(etag: string | null): string | undefined {
  const bare = etag?.replace(/^W\//, '').replace(/^[\s"]+|[\s"]+$/g, '');
  return bare ? bare : undefined;
}

/**
 * Uploads through the staging API, the data going straight to the object store: asks lakeFS for a fresh
 * address and a presigned PUT URL, sends the body there (streamed, without the client's credentials),
 * then links the address with the checksum and size. The checksum is the ETag the store answers (as
 * lakeFS's own clients use it), or the MD5 the client computed when the store sends none (e.g. a
 * browser whose CORS rules do not expose `ETag`). Unsubscribing aborts whichever request is in flight and
 * cancels a streamed source.
 * @param ctx - the client context
 * @param target - repository, branch and path
 * @param data - what to upload
 * @param options - see {@link PresignedUploadOptions}
 * @returns the stored object's stats, or with `reportProgress` progress events then `{ type: 'done', object }`
 */
export function presignedUpload(
  ctx: ClientContext,
  target: PresignedUploadTarget,
  data: UploadData,
  options: PresignedUploadOptions = {},
): Observable<ObjectInfo | UploadEvent> {
  const { repositoryId, branchId, path } = target;
  return new Observable<ObjectInfo | UploadEvent>((subscriber) => {
    const { size, onBytes } = progressReporter(subscriber, options.reportProgress);
    // fetch may keep draining a body after its request was aborted: stop the source itself too
    const abandon = new AbortController();
    const contentType = options.contentType ?? 'application/octet-stream';
    const subscription = ctx.api
      .getPhysicalAddress(repositoryId, branchId, path, { presign: true })
      .pipe(
        mergeMap((location) => {
          const url = location.presigned_url;
          if (!url)
            throw new UnsupportedOperationError({
              status: 501,
              method: 'GET',
              path: `/repositories/${repositoryId}/branches/${branchId}/staging/backing`,
              serverMessage: 'the server handed out no presigned URL',
            });
          const body = attemptBodies(data, onBytes, abandon.signal);
          if (body.total !== undefined) size.total = body.total;
          const link = (checksum: string): Observable<ObjectStats> => {
            const send = (): Observable<ObjectStats> =>
              ctx.api.linkPhysicalAddress(
                repositoryId,
                branchId,
                path,
                {
                  staging: location,
                  checksum,
                  size_bytes: body.sizeBytes(),
                  content_type: contentType,
                  ...linkedMetadata(options.metadata),
                },
                options.ifAbsent ? { ifAbsent: true } : {},
              );
            if (!options.ifAbsent) return send();
            return settleConditionalWrite(ctx, {
              send,
              stat: () => ctx.api.statObject(repositoryId, branchId, path),
              isOurs: (stats) =>
                location.physical_address !== undefined &&
                sameAddress(location.physical_address, stats.physical_address),
            });
          };
          return storeHeaders(ctx, contentType, body.probe, body.total).pipe(
            mergeMap((headers) =>
              ctx.http.response(
                // the same bytes to the same one-time address: safe to resend, unless the body is one-shot
                presignedRequest('PUT', url, { headers, body: body.body, idempotent: true }),
                (response) => etagChecksum(response.headers.get('etag')),
              ),
            ),
            readableStoreErrors(),
            mergeMap((etag) => (etag !== undefined ? of(etag) : from(body.md5()))),
            mergeMap(link),
          );
        }),
        uploadResult(options.reportProgress),
      )
      .subscribe(subscriber);
    return () => {
      subscription.unsubscribe();
      abandon.abort(new DOMException('upload abandoned', 'AbortError'));
    };
  });
}

/** The store PUT's body per attempt, and what the link needs to know about it. */
interface AttemptBodies {
  /** A fresh body per attempt for replayable data; the one-shot stream otherwise. */
  readonly body: RequestBodySource;
  /** One body, to tell the store headers whether it streams. */
  readonly probe: unknown;
  readonly total?: number;
  sizeBytes(): number;
  md5(): Promise<string>;
}

/**
 * Replayable data (bytes, Blob) gets a fresh body for every attempt, its progress counted per attempt;
 * a one-shot source is hashed and counted as it is sent, once.
 */
function attemptBodies(
  data: UploadData,
  onBytes: ((n: number) => void) | undefined,
  signal: AbortSignal,
): AttemptBodies {
  const replay = replayableData(data);
  if (replay === undefined) {
    const digested = toDigestedBody(data, { onBytes, signal });
    return { ...digested, probe: digested.body };
  }
  const total = sizeOfData(replay);
  const attempt = onBytes && perAttempt(onBytes);
  return {
    body: attempt ? () => toRequestBody(replay, { onBytes: attempt(), signal }).body : replay,
    probe: replay,
    total,
    sizeBytes: () => total,
    md5: () => md5OfData(replay),
  };
}

/**
 * Whether a stat's physical address is the staging address we linked (lakeFS hands the staging address
 * out with a `,token` suffix that the stored object's address does not keep).
 */
function sameAddress(staged: string, stored: string): boolean {
  return staged === stored || staged.split(',')[0] === stored.split(',')[0];
}

/**
 * Headers of the PUT to the store: the content type; the length when a streamed body's size is known
 * (S3 refuses a PUT without it); Azure's mandatory `x-ms-blob-type`, which is why the (cached) storage
 * config is consulted.
 */
function storeHeaders(
  ctx: ClientContext,
  contentType: string,
  body: unknown,
  total: number | undefined,
): Observable<Record<string, string>> {
  return defer(() =>
    ctx.storageConfig$.pipe(
      take(1),
      map((config) => config.blockstoreType),
      catchError(() => of('')),
      map((blockstoreType) => ({
        'content-type': contentType,
        ...(total !== undefined && typeof ReadableStream !== 'undefined' && body instanceof ReadableStream
          ? { 'content-length': String(total) }
          : {}),
        ...(blockstoreType === 'azure' ? { 'x-ms-blob-type': 'BlockBlob' } : {}),
      })),
    ),
  );
}
