import {
  EMPTY,
  type Observable,
  type Subscription,
  catchError,
  defer,
  map,
  mergeMap,
  of,
  reduce,
  throwError,
} from 'rxjs';
import { DecodeError } from '../errors/clientErrors';
import { ObjectNotFoundError } from '../errors/ServerError';
import { concatBytes, utf8Decode } from '../io/bytes';
import { rangeHeader, type ByteRange } from '../io/ByteRange';
import { rechunk } from '../io/rechunk';
import type { DownloadEvent } from '../io/TransferEvent';
import { withDownloadProgress } from '../io/withDownloadProgress';
import { toObjectInfo } from '../models/fromWire';
import type { ObjectInfo } from '../models/models';
import type { Branch } from './Branch';
import type { ClientContext } from './ClientContext';
import { objectChunks, objectResponse } from './presignedRead';
import { validateBranchId, validatePath, validateRef, validateRepositoryId } from './validate';

/**
 * Options of {@link StoredObject.stat}.
 * @group Resources
 */
export interface StatOptions {
  /**
   * Ask for `physicalAddress` as a presigned URL (with `physicalAddressExpiry`), which reads the data
   * without lakeFS credentials. Stores that cannot presign answer `BadRequestError`. @default false
   */
  readonly presign?: boolean;
}

/**
 * Options of {@link StoredObject.read}.
 * @group Resources
 */
export interface ReadOptions {
  /** Read only these bytes (see {@link ByteRange}). @default the whole object */
  readonly range?: ByteRange;
  /** Re-cut the stream into chunks of exactly this many bytes (the last may be shorter). @default as received */
  readonly chunkSize?: number;
  /**
   * Read straight from the object store through a presigned URL (a `stat` with `presign`, then a ranged
   * GET from the URL) instead of through lakeFS. When not given, the client's `presign` option decides;
   * its default `'auto'` follows the server's `pre_sign_support`. @default undefined (the client's option)
   */
  readonly presign?: boolean;
  /** Emit {@link DownloadEvent}s (chunk with progress, then done) instead of bare chunks. @default false */
  readonly reportProgress?: boolean;
}

/**
 * Options of {@link StoredObject.readStream}.
 * @group Resources
 */
export type ReadStreamOptions = Pick<ReadOptions, 'range' | 'presign'>;

/**
 * A lazy handle on an object at a ref (a branch, tag, commit or expression). Building it does no I/O;
 * every method returns a cold Observable, and errors arrive through it. A bad id or path fails with
 * `ValidationError` before anything is sent; any request can also fail with `NetworkError`,
 * `TimeoutError` or `NotAuthorizedError`.
 * @group Resources
 * @example
 * repo.ref('v1.0').object('data/config.json').json<Config>().subscribe(config => …);
 */
export class StoredObject {
  constructor(
    protected readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
    /** The ref the object is read at. */
    readonly ref: string,
    /** The object's path. */
    readonly path: string,
  ) {}

  /**
   * The object's stats, user metadata included.
   * @param options - see {@link StatOptions}
   * @returns one `ObjectInfo`; fails with `ObjectNotFoundError` when the path does not exist
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path (or the ref is missing)
   * @throws {BadRequestError} through the Observable, with `presign` on a store that cannot presign
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent)
   * @example
   * repo.branch('main').object('data/a.csv').stat().subscribe((info) => console.log(info.sizeBytes, info.checksum));
   */
  stat(options: StatOptions = {}): Observable<ObjectInfo> {
    return defer(() => {
      this.validate();
      return this.ctx.api
        .statObject(this.repositoryId, this.ref, this.path, {
          user_metadata: true,
          ...(options.presign ? { presign: true } : {}),
        })
        .pipe(map(toObjectInfo));
    });
  }

  /**
   * The object's properties on the underlying object store.
   * @returns `{ storageClass }` (`null` where the store has none, as local storage)
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent)
   * @example
   * repo.branch('main').object('data/a.csv').underlyingProperties().subscribe((p) => console.log(p.storageClass));
   */
  underlyingProperties(): Observable<{ storageClass: string | null }> {
    return defer(() => {
      this.validate();
      return this.ctx.api
        .getUnderlyingProperties(this.repositoryId, this.ref, { path: this.path })
        .pipe(map((p) => ({ storageClass: p.storage_class ?? null })));
    });
  }

  /**
   * Whether the object exists at this ref.
   * @returns `true`, or `false` when the server answers 404 (also for a missing ref)
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent);
   *   a missing object is `false`, not an error
   * @example
   * repo.branch('main').object('_SUCCESS').exists().subscribe((done) => console.log(done ? 'ready' : 'not yet'));
   */
  exists(): Observable<boolean> {
    return this.stat().pipe(
      map(() => true),
      catchError((error: unknown) =>
        error instanceof ObjectNotFoundError ? of(false) : throwError(() => error),
      ),
    );
  }

  /**
   * Streams the object's bytes as they arrive; unsubscribing aborts the download. Nothing is buffered
   * beyond one chunk (or `chunkSize` bytes).
   * @param options - range, re-chunking, progress; see {@link ReadOptions}
   * @returns the chunks, or with `reportProgress` progress events carrying them, then a `done` event
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path (or the ref is missing)
   * @throws {InvalidRangeError} through the Observable, for a range that starts past the end
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent)
   * @example
   * obj.read({ range: { last: 100 } }).subscribe(chunk => tail.push(chunk));
   */
  read(options?: ReadOptions & { readonly reportProgress?: false }): Observable<Uint8Array>;
  read(options: ReadOptions & { readonly reportProgress: true }): Observable<DownloadEvent>;
  read(options?: ReadOptions): Observable<Uint8Array | DownloadEvent>;
  read(options: ReadOptions = {}): Observable<Uint8Array | DownloadEvent> {
    return defer(() => {
      this.validate();
      const range = options.range === undefined ? undefined : rangeHeader(options.range);
      let total: number | undefined;
      const chunks$ = objectChunks(this.ctx, this, {
        ...(range ? { range } : {}),
        presign: options.presign,
      }).pipe(
        mergeMap((part) => {
          if (part.type === 'chunk') return of(part.chunk);
          const length = Number(part.headers.get('content-length') ?? NaN);
          total = Number.isFinite(length) ? length : undefined;
          return EMPTY;
        }),
      );
      const sized$ = options.chunkSize === undefined ? chunks$ : chunks$.pipe(rechunk(options.chunkSize));
      if (!options.reportProgress) return sized$;
      return withDownloadProgress(sized$, () => total);
    });
  }

  /**
   * The object's body as a web `ReadableStream` that is read only as fast as its consumer pulls (true
   * backpressure, unlike an Observable). The request starts on the first read; cancelling the stream
   * aborts it. Use it to pipe into a slower sink (a file, a `WritableStream`).
   * @param options - range and presign, as for {@link StoredObject.read}
   * @returns a lazy stream of the object's bytes
   * @throws {ObjectNotFoundError} from the stream's first `read()` (a rejected promise), when there is no
   *   object at the path; `ValidationError` likewise for a bad id or path
   * @example
   * const stream = repo.branch('main').object('big.bin').readStream();
   * await stream.pipeTo(writableFileStream);
   */
  readStream(options: ReadStreamOptions = {}): ReadableStream<Uint8Array> {
    let subscription: Subscription | undefined;
    let abort: (() => void) | undefined;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const open = (): Promise<ReadableStreamDefaultReader<Uint8Array>> =>
      new Promise((resolve, reject) => {
        try {
          this.validate();
          const range = options.range === undefined ? undefined : rangeHeader(options.range);
          subscription = objectResponse(this.ctx, this, {
            ...(range ? { range } : {}),
            presign: options.presign,
          }).subscribe({
            next: (opened) => {
              const { response } = opened;
              abort = () => opened.abort();
              if (!response.body)
                resolve(new ReadableStream<Uint8Array>({ start: (c) => c.close() }).getReader());
              else resolve(response.body.getReader());
            },
            error: (error: unknown) => reject(asError(error)),
          });
        } catch (error) {
          reject(asError(error));
        }
      });
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          reader ??= await open();
          const { done, value } = await reader.read();
          if (!done) {
            controller.enqueue(value);
            return;
          }
          controller.close();
        },
        async cancel(reason) {
          try {
            await reader?.cancel(reason);
          } finally {
            subscription?.unsubscribe();
            abort?.();
          }
        },
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * The whole object in memory.
   * @param options - a range to read only part of it
   * @returns one `Uint8Array`
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path (or the ref is missing)
   * @throws {InvalidRangeError} through the Observable, for a range that starts past the end
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent)
   * @example
   * obj.bytes({ range: { start: 0, end: 3 } }).subscribe((magic) => console.log(magic)); // the first 4 bytes
   */
  bytes(options: Pick<ReadOptions, 'range' | 'presign'> = {}): Observable<Uint8Array> {
    return this.read(options).pipe(
      reduce((chunks: Uint8Array[], chunk) => {
        chunks.push(chunk);
        return chunks;
      }, []),
      map(concatBytes),
    );
  }

  /**
   * The whole object decoded as UTF-8.
   * @param options - a range to read only part of it
   * @returns one string
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path (or the ref is missing)
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent)
   * @example
   * repo.ref('main').object('README.md').text().subscribe((text) => console.log(text));
   */
  text(options: Pick<ReadOptions, 'range' | 'presign'> = {}): Observable<string> {
    return this.bytes(options).pipe(map(utf8Decode));
  }

  /**
   * The object parsed as JSON. The value is not checked against `T`; decode it with io-ts for that.
   * @returns the parsed value; fails with `DecodeError` when the object is not JSON
   * @throws {DecodeError} through the Observable, when the object is not JSON
   * @throws {ObjectNotFoundError} through the Observable, when there is no object at the path (or the ref is missing)
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or path (nothing sent)
   * @example
   * repo.ref('v1.0').object('config.json').json<{ retries: number }>().subscribe((c) => console.log(c.retries));
   */
  json<T = unknown>(): Observable<T> {
    return this.text().pipe(
      mergeMap((text) => {
        try {
          return of(JSON.parse(text) as T);
        } catch (error) {
          return throwError(
            () =>
              new DecodeError(`object ${this.path}`, '', [
                error instanceof Error ? error.message : String(error),
              ]),
          );
        }
      }),
    );
  }

  /**
   * Copies the object (from this ref) to `destinationPath` on `destinationBranch`, data included.
   * Content type and user metadata are kept; an existing destination is overwritten.
   * @param destinationBranch - a branch id of the same repository, or its handle
   * @param destinationPath - where to put the copy
   * @returns the copy's stats
   * @throws {NotFoundError} through the Observable, when the source object or the destination branch does
   *   not exist
   * @throws {ForbiddenError} through the Observable, when the destination is a protected branch or the
   *   repository is read-only
   * @throws {ValidationError} through the Observable, for a bad id, ref or path (nothing sent)
   * @example
   * repo.ref('v1.0').object('data/a.csv').copy('main', 'archive/a.csv').subscribe((copy) => console.log(copy.path));
   */
  copy(destinationBranch: string | Branch, destinationPath: string): Observable<ObjectInfo> {
    return defer(() => {
      this.validate();
      const branch = validateBranchId(
        typeof destinationBranch === 'string' ? destinationBranch : destinationBranch.id,
      );
      return this.ctx.api
        .copyObject(this.repositoryId, branch, validatePath(destinationPath), {
          src_path: this.path,
          src_ref: this.ref,
        })
        .pipe(map(toObjectInfo));
    });
  }

  /**
   * `lakefs://<repository>/<ref>/<path>`.
   * @example
   * String(repo.branch('main').object('a/b.txt')); // 'lakefs://my-repo/main/a/b.txt'
   */
  toString(): string {
    return `lakefs://${this.repositoryId}/${this.ref}/${this.path}`;
  }

  /** Checks the handle's ids before any request. */
  protected validate(): void {
    validateRepositoryId(this.repositoryId);
    validateRef(this.ref);
    validatePath(this.path);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
