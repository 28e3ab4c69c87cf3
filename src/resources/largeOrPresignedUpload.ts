import { type Observable, catchError, map, mergeMap, of, take, throwError } from 'rxjs';
import { ServerError } from '../errors/ServerError';
import type { UploadEvent } from '../io/TransferEvent';
import type { UploadData } from '../io/UploadData';
import type { ObjectInfo } from '../models/models';
import type { ClientContext } from './ClientContext';
import { type MultipartOptions, multipartUpload, wantsMultipart } from './multipartUpload';
import { type PresignedUploadOptions, type PresignedUploadTarget, presignedUpload } from './presignedUpload';

/**
 * The presigned upload path: multipart when the data is large (or `multipart: true`) and the server
 * advertises `pre_sign_multipart_upload`, else one presigned PUT. `ifAbsent` keeps the single PUT, whose
 * link request carries the precondition.
 */
export function largeOrPresignedUpload(
  ctx: ClientContext,
  target: PresignedUploadTarget,
  data: UploadData,
  options: PresignedUploadOptions & { readonly multipart?: MultipartOptions | boolean },
): Observable<ObjectInfo | UploadEvent> {
  if (options.ifAbsent || !wantsMultipart(data, options.multipart))
    return presignedUpload(ctx, target, data, options);
  const tuning = typeof options.multipart === 'object' ? options.multipart : {};
  return ctx.storageConfig$.pipe(
    take(1),
    map((config) => config.preSignMultipartUpload === true),
    catchError((error: unknown) => (error instanceof ServerError ? of(false) : throwError(() => error))),
    mergeMap((offered) =>
      offered
        ? multipartUpload(ctx, target, data, { ...options, ...tuning })
        : presignedUpload(ctx, target, data, options),
    ),
  );
}
