import { type Observable, Observable as RxObservable, defer, mergeMap } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import type { ObjectStats } from '../api/models/objects';
import type { RequestBodySource } from '../http/types';
import { type ReplayableData, md5OfData, replayableData, sizeOfData } from '../io/replayableData';
import { toRequestBody } from '../io/toRequestBody';
import type { UploadEvent } from '../io/TransferEvent';
import type { UploadData } from '../io/UploadData';
import type { ObjectInfo } from '../models/models';
import type { ClientContext } from './ClientContext';
import { largeOrPresignedUpload } from './largeOrPresignedUpload';
import type { MultipartOptions } from './multipartUpload';
import { usePresign } from './usePresign';
import { StoredObject } from './StoredObject';
import { validateBranchId, validateMetadata } from './validate';
import { perAttempt, progressReporter } from '../io/progressReporter';
import { settleConditionalWrite } from './settleConditionalWrite';
import { uploadResult } from './uploadResult';

/**
 * Options of {@link WriteableObject.upload}.
 * @group Resources
 */
export interface UploadOptions {
  /** Stored as the object's content type. @default 'application/octet-stream' */
  readonly contentType?: string;
  /**
   * User metadata, sent as `X-Lakefs-Meta-*` headers: keys must be header-safe and are stored
   * lower-cased by lakeFS; values must be printable ASCII. @default {}
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Fail with `PreconditionFailedError` (412) when the path already exists (`If-None-Match: *`). @default false */
  readonly ifAbsent?: boolean;
  /** Emit {@link UploadEvent}s (progress, then done) instead of only the final `ObjectInfo`. @default false */
  readonly reportProgress?: boolean;
  /**
   * Upload straight to the object store through a presigned URL (lakeFS's staging API: get an address
   * and a URL, PUT the data there, link it) instead of through lakeFS. When not given, the client's
   * `presign` option decides; its default `'auto'` follows the server's `pre_sign_support`.
   * @default undefined (the client's option)
   */
  readonly presign?: boolean;
  /**
   * Presigned multipart upload, on servers that advertise `pre_sign_multipart_upload`: sizes from the
   * threshold on use it by default; `true` forces it, tuning options also send streams of unknown size
   * this way, `false` never.
   * @default part size 16 MiB, 4 parts in flight, threshold 64 MiB
   */
  readonly multipart?: MultipartOptions | boolean;
}

// RFC 7230 token characters: what a header name may hold after the `X-Lakefs-Meta-` prefix.
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Printable ASCII and tab: header values fetch sends unchanged on every platform.
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

function metadataHeaders(metadata: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const checked = validateMetadata(metadata);
  for (const [key, value] of Object.entries(checked)) {
    if (!HEADER_TOKEN.test(key))
      throw new ValidationError(
        'metadata',
        `key ${JSON.stringify(key)} cannot be sent as an HTTP header name`,
      );
    if (!HEADER_VALUE.test(value))
      throw new ValidationError(
        'metadata',
        `value of ${JSON.stringify(key)} must be printable ASCII to travel as a header; set it with updateMetadata()`,
      );
  }
  return checked;
}

/**
 * A lazy handle on an object on a branch: everything {@link StoredObject} reads, plus writes. Errors
 * arrive through the returned Observables.
 * @group Resources
 * @example
 * branch.object('data/a.csv').upload('id,name\n1,ada\n', { contentType: 'text/csv' }).subscribe();
 */
export class WriteableObject extends StoredObject {
  constructor(ctx: ClientContext, repositoryId: string, branchId: string, path: string) {
    super(ctx, repositoryId, branchId, path);
  }

  /**
   * The branch the object is written to.
   * @example
   * repo.branch('main').object('a.txt').branchId; // 'main'
   */
  get branchId(): string {
    return this.ref;
  }

  /**
   * Uploads `data` as the object's content, streaming it: the body is pulled as the network takes it
   * and never gathered whole. Unsubscribing aborts the upload (the object is left as it was).
   *
   * Retried under the client's policy when the data can be sent again — a string, bytes, a Blob or a file
   * (`uploadFromFile`) — directly or to a presigned URL; a one-shot stream is sent once and its error says
   * so. With `ifAbsent`, a resend that meets 412 after a lost answer checks the object at the path and
   * succeeds when it is ours. Under `presign: 'auto'`, data of known size below
   * `DIRECT_UPLOAD_BELOW_BYTES` (1 MiB) goes through lakeFS.
   * @param data - a string (UTF-8), `Uint8Array`, `Blob`, `ReadableStream`, `AsyncIterable<Uint8Array>`
   *   or `Observable<Uint8Array>`
   * @param options - see {@link UploadOptions}
   * @returns the stored object's stats; with `reportProgress`, `{ type: 'progress', loaded, total? }`
   *   events as bytes are sent, then `{ type: 'done', object }`
   * @throws {PreconditionFailedError} through the Observable, with `ifAbsent` when the path already exists
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ForbiddenError} through the Observable, on a read-only repository or a protected branch
   * @throws {NetworkError} through the Observable, when a one-shot stream's upload broke (it is not resent)
   * @throws {ValidationError} through the Observable, for a bad id, path or metadata (nothing sent)
   * @example
   * obj.upload(file, { reportProgress: true }).subscribe(e => e.type === 'progress' && bar.update(e.loaded));
   */
  upload(
    data: UploadData,
    options?: UploadOptions & { readonly reportProgress?: false },
  ): Observable<ObjectInfo>;
  upload(
    data: UploadData,
    options: UploadOptions & { readonly reportProgress: true },
  ): Observable<UploadEvent>;
  upload(data: UploadData, options?: UploadOptions): Observable<ObjectInfo | UploadEvent>;
  upload(data: UploadData, options: UploadOptions = {}): Observable<ObjectInfo | UploadEvent> {
    return defer(() => {
      this.validate();
      validateBranchId(this.ref);
      const metadata = metadataHeaders(options.metadata);
      // A string is encoded once here, so that every attempt resends the same bytes.
      const replay = replayableData(data);
      const size = replay === undefined ? undefined : sizeOfData(replay);
      return usePresign(this.ctx, options.presign, size).pipe(
        mergeMap((presign) =>
          presign
            ? largeOrPresignedUpload(
                this.ctx,
                { repositoryId: this.repositoryId, branchId: this.ref, path: this.path },
                replay ?? data,
                { ...options, metadata },
              )
            : this.direct(replay ?? data, replay, options, metadata),
        ),
      );
    });
  }

  /**
   * The upload through lakeFS (`POST …/objects`). Replayable data is resent on a lost answer or a refusal
   * (writing the same bytes twice leaves the path as once); with `ifAbsent` a resend that meets 412 is
   * settled by comparing the object there with ours. A one-shot stream is sent once.
   */
  private direct(
    data: UploadData,
    replay: ReplayableData | undefined,
    options: UploadOptions,
    metadata: Record<string, string>,
  ): Observable<ObjectInfo | UploadEvent> {
    return new RxObservable<ObjectInfo | UploadEvent>((subscriber) => {
      const { size, onBytes } = progressReporter(subscriber, options.reportProgress);
      // Abandoning the upload must also stop the source: fetch may keep draining a cancelled body.
      const abandon = new AbortController();
      let body: RequestBodySource;
      if (replay !== undefined) {
        size.total = sizeOfData(replay);
        const attempt = onBytes && perAttempt(onBytes);
        body = attempt
          ? () => toRequestBody(replay, { onBytes: attempt(), signal: abandon.signal }).body
          : replay;
      } else {
        const prepared = toRequestBody(data, { onBytes, signal: abandon.signal });
        if (prepared.total !== undefined) size.total = prepared.total;
        body = prepared.body;
      }
      const headers = {
        ...(options.contentType ? { contentType: options.contentType } : {}),
        metadata,
        ...(options.ifAbsent ? { ifAbsent: true } : {}),
      };
      const send = (): Observable<ObjectStats> =>
        this.ctx.api.uploadObject(this.repositoryId, this.ref, this.path, body, headers);
      const stored$ =
        options.ifAbsent && replay !== undefined
          ? settleConditionalWrite(this.ctx, {
              send,
              stat: () => this.ctx.api.statObject(this.repositoryId, this.ref, this.path),
              isOurs: async (stats) =>
                stats.size_bytes === sizeOfData(replay) && stats.checksum === (await md5OfData(replay)),
            })
          : send();
      const subscription = stored$.pipe(uploadResult(options.reportProgress)).subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        abandon.abort(new DOMException('upload abandoned', 'AbortError'));
      };
    });
  }

  /**
   * Deletes the object from the branch (staged as a removal until the next commit). Deleting a missing
   * object is not an error, as in lakeFS.
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ForbiddenError} through the Observable, on a read-only repository or a protected branch
   * @throws {ValidationError} through the Observable, for a bad id or path (nothing sent)
   * @example
   * repo.branch('main').object('tmp/scratch.bin').delete().subscribe();
   */
  delete(): Observable<void> {
    return defer(() => {
      this.validate();
      return this.ctx.api.deleteObject(this.repositoryId, validateBranchId(this.ref), this.path);
    });
  }

  /**
   * Replaces the object's whole user-metadata map (keys not in `metadata` are removed).
   * @param metadata - the new map
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path
   * @throws {ValidationError} through the Observable, for a bad id, path or metadata (nothing sent)
   * @example
   * repo.branch('main').object('data/a.csv').updateMetadata({ owner: 'ada', reviewed: 'yes' }).subscribe();
   */
  updateMetadata(metadata: Readonly<Record<string, string>>): Observable<void> {
    return defer(() => {
      this.validate();
      return this.ctx.api.updateObjectUserMetadata(this.repositoryId, validateBranchId(this.ref), this.path, {
        ...validateMetadata(metadata),
      });
    });
  }
}
