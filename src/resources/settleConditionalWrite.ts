import { type Observable, catchError, defer, mergeMap, of, throwError } from 'rxjs';
import type { ObjectStats } from '../api/models/objects';
import { NetworkError, TimeoutError } from '../errors/clientErrors';
import { PreconditionFailedError } from '../errors/ServerError';
import { retryWithBackoff } from '../operators/retryWithBackoff';
import type { ClientContext } from './ClientContext';

/** How {@link settleConditionalWrite} recognises the write it sent. */
export interface ConditionalWrite {
  /** Sends the write once (`If-None-Match: *`); the transport does not resend it. */
  send(): Observable<ObjectStats>;
  /** Stats the path the write targets. */
  stat(): Observable<ObjectStats>;
  /** Whether the object at the path is the one this write stored. */
  isOurs(stats: ObjectStats): boolean | Promise<boolean>;
}

/**
 * Sends an `ifAbsent` write under the client's retry policy, without surfacing 412 for our own object: a
 * conditional write is resent after a refusal or a lost answer like any other, but when a resend meets
 * 412 after an earlier attempt's answer was lost, that attempt may have stored the object — so the path
 * is looked at, and when the object there is ours (same physical address, or same checksum and size),
 * it is the result. Any other object there keeps the 412.
 * @param ctx - the client context (retry policy, scheduler)
 * @param write - how to send, stat and recognise the write
 * @returns the stored object's stats
 */
export function settleConditionalWrite(ctx: ClientContext, write: ConditionalWrite): Observable<ObjectStats> {
  let lost = false;
  const attempt = defer(() => {
    const afterLoss = lost;
    return write.send().pipe(
      catchError((error: unknown) => {
        if (error instanceof NetworkError || error instanceof TimeoutError) lost = true;
        if (!(error instanceof PreconditionFailedError) || !afterLoss) return throwError(() => error);
        return write.stat().pipe(
          mergeMap((stats) => Promise.resolve(write.isOurs(stats)).then((ours) => ({ ours, stats }))),
          catchError(() => throwError(() => error)),
          mergeMap(({ ours, stats }) => (ours ? of(stats) : throwError(() => error))),
        );
      }),
    );
  });
  const policy = ctx.http.retryPolicy;
  return policy.maxAttempts > 1 ? attempt.pipe(retryWithBackoff(policy, ctx.http.scheduler)) : attempt;
}
