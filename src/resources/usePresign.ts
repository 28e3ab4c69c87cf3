import { type Observable, catchError, map, of, take, throwError } from 'rxjs';
import { ServerError } from '../errors/ServerError';
import type { ClientContext } from './ClientContext';

/**
 * Below this size, `presign: 'auto'` uploads directly even when the server offers presigned URLs
 * (measured by `npx tsx bench/presignThreshold.ts`; see BENCHMARKS.md "Direct or presigned upload").
 * @group Resources
 */
export const DIRECT_UPLOAD_BELOW_BYTES = 1024 * 1024;

/**
 * Whether a transfer goes through presigned URLs: the call's `presign` option when given, else the
 * client's `presign` option, and for `'auto'` (the default) the server's `pre_sign_support` from
 * `/config/storage` — fetched once per client and cached — as the lakeFS Python SDK decides. A server
 * that refuses to tell (an error answer) is taken as not presign-capable, so the transfer goes through
 * the lakeFS API and reports that request's own error if there is one.
 * @param ctx - the client context
 * For an upload of known size below {@link DIRECT_UPLOAD_BELOW_BYTES}, `'auto'` sends the data through
 * lakeFS without asking; an explicit `true` (per call or client-wide) always presigns.
 * @param explicit - the call's `presign` option
 * @param uploadBytes - an upload's size, when known up front (unknown: stream bodies keep the rule above)
 * @returns one boolean
 */
export function usePresign(
  ctx: ClientContext,
  explicit: boolean | undefined,
  uploadBytes?: number,
): Observable<boolean> {
  const preference = explicit ?? ctx.presign;
  if (preference !== 'auto') return of(preference);
  // Three round trips (address, store PUT, link) cost more than sending a small object through lakeFS.
  if (uploadBytes !== undefined && uploadBytes < DIRECT_UPLOAD_BELOW_BYTES) return of(false);
  return ctx.storageConfig$.pipe(
    take(1),
    map((config) => config.preSignSupport),
    catchError((error: unknown) => (error instanceof ServerError ? of(false) : throwError(() => error))),
  );
}
