import { type Observable, mergeMap } from 'rxjs';
import type { DownloadPart, OpenedResponse } from '../http/HttpClient';
import type { ClientContext } from './ClientContext';
import { presignedRequest, readableStoreErrors } from './presignedRequest';
import { usePresign } from './usePresign';

/** The object a read addresses. */
export interface ReadTarget {
  readonly repositoryId: string;
  readonly ref: string;
  readonly path: string;
}

/** Options of {@link objectChunks} and {@link objectResponse}. */
export interface ObjectReadOptions {
  /** A `Range` header value. @default the whole object */
  readonly range?: string;
  /** Read through a presigned URL; undefined follows the client's `presign` option. @default undefined */
  readonly presign?: boolean;
}

const isHttpUrl = (address: string): boolean => /^https?:\/\//i.test(address);

/**
 * Reads through a presigned URL: `stat` with `presign=true`, then a (ranged) GET straight from the URL,
 * without the client's credentials. A store that hands out no URL (the address is not http(s)) is read
 * through the lakeFS API instead. Both requests are GETs, retried as such.
 */
function viaPresignedUrl<T>(
  ctx: ClientContext,
  target: ReadTarget,
  fromUrl: (url: string) => Observable<T>,
  fromApi: () => Observable<T>,
): Observable<T> {
  return ctx.api
    .statObject(target.repositoryId, target.ref, target.path, { presign: true })
    .pipe(
      mergeMap((stats) =>
        isHttpUrl(stats.physical_address)
          ? fromUrl(stats.physical_address).pipe(readableStoreErrors())
          : fromApi(),
      ),
    );
}

/**
 * An object's data as download events (the answer's headers, then its chunks), through the lakeFS API or,
 * when presign applies (see {@link usePresign}), straight from the object store through a presigned URL.
 * Unsubscribing aborts the request in flight.
 * @param ctx - the client context
 * @param target - repository, ref and path (already validated)
 * @param options - range and presign
 * @returns `{ type: 'response', headers }` once, then `{ type: 'chunk', chunk }` as chunks arrive
 */
export function objectChunks(
  ctx: ClientContext,
  target: ReadTarget,
  options: ObjectReadOptions,
): Observable<DownloadPart> {
  const headers: Record<string, string> = options.range ? { range: options.range } : {};
  const fromApi = (): Observable<DownloadPart> =>
    ctx.api.getObject(
      target.repositoryId,
      target.ref,
      target.path,
      options.range ? { range: options.range } : {},
    );
  return usePresign(ctx, options.presign).pipe(
    mergeMap((presign) =>
      presign
        ? viaPresignedUrl(
            ctx,
            target,
            (url) => ctx.http.download(presignedRequest('GET', url, { headers, objectRequest: true })),
            fromApi,
          )
        : fromApi(),
    ),
  );
}

/**
 * The data answer of an object for callers that read its body themselves (with backpressure), through
 * the lakeFS API or a presigned URL as {@link objectChunks} decides. Emits the answer once and completes;
 * the caller owns its body from then on and calls `abort()` to stop early.
 * @param ctx - the client context
 * @param target - repository, ref and path (already validated)
 * @param options - range and presign
 * @returns the opened answer
 */
export function objectResponse(
  ctx: ClientContext,
  target: ReadTarget,
  options: ObjectReadOptions,
): Observable<OpenedResponse> {
  const headers: Record<string, string> = options.range ? { range: options.range } : {};
  const fromApi = (): Observable<OpenedResponse> =>
    ctx.api.getObjectResponse(
      target.repositoryId,
      target.ref,
      target.path,
      options.range ? { range: options.range } : {},
    );
  return usePresign(ctx, options.presign).pipe(
    mergeMap((presign) =>
      presign
        ? viaPresignedUrl(
            ctx,
            target,
            (url) => ctx.http.open(presignedRequest('GET', url, { headers, objectRequest: true })),
            fromApi,
          )
        : fromApi(),
    ),
  );
}
