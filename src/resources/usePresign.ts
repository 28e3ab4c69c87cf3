import { type Observable, catchError, map, of, take, throwError } from 'rxjs';
import { ServerError } from '../errors/ServerError';
import type { ClientContext } from './ClientContext';

/**
 * Whether a transfer goes through presigned URLs: the call's `presign` option when given, else the
 * client's `presign` option, and for `'auto'` (the default) the server's `pre_sign_support` from
 * `/config/storage` — fetched once per client and cached — as the lakeFS Python SDK decides. A server
 * that refuses to tell (an error answer) is taken as not presign-capable, so the transfer goes through
 * the lakeFS API and reports that request's own error if there is one.
 * @param ctx - the client context
 * @param explicit - the call's `presign` option
 * @returns one boolean
 */
export function usePresign(ctx: ClientContext, explicit: boolean | undefined): Observable<boolean> {
  const preference = explicit ?? ctx.presign;
  if (preference !== 'auto') return of(preference);
  return ctx.storageConfig$.pipe(
    take(1),
    map((config) => config.preSignSupport),
    catchError((error: unknown) => (error instanceof ServerError ? of(false) : throwError(() => error))),
  );
}
