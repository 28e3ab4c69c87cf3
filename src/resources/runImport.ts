import {
  AsyncSubject,
  EMPTY,
  Observable,
  type SchedulerLike,
  catchError,
  concatMap,
  switchMap,
  tap,
  throwError,
} from 'rxjs';
import { ImportManagerError } from '../errors/clientErrors';
import type { ImportStatus } from '../models/models';
import { messageOf } from '../operators/messageOf';
import { pollImportStatus } from './pollImportStatus';

/**
 * The three server calls an import run needs.
 * @group Operators
 */
export interface ImportOperations {
  /** Starts the import; emits its id. */
  start(): Observable<string>;
  /** Asks for the status of import `id` once. */
  status(id: string): Observable<ImportStatus>;
  /** Cancels import `id`. */
  cancel(id: string): Observable<void>;
}

/**
 * Options of {@link runImport}.
 * @group Operators
 */
export interface RunImportOptions {
  /** Pause between an answer and the next status request, in milliseconds. @default 1000 */
  readonly pollIntervalMs?: number;
  /**
   * Fail with `ImportManagerError` (its `cause` a `TimeoutError` of phase `'stall'`) when the status stops
   * changing for this long, in milliseconds; the import is then cancelled. @default undefined (never)
   */
  readonly stallTimeoutMs?: number;
  /** How long a 404 for the status is retried right after the start, in milliseconds. @default 2000 */
  readonly notFoundGraceMs?: number;
}

/** Default 404 grace after the start, in milliseconds. */
export const DEFAULT_NOT_FOUND_GRACE_MS = 2000;

/**
 * Starts an import and follows it: emits each distinct `ImportStatus` and completes after the completed one.
 * Every failure arrives as `ImportManagerError` (the server's or transport's error is its `cause`).
 *
 * When the stream ends before the server reported the import as finished — the subscriber unsubscribed,
 * the import stalled, a status request failed — the import is cancelled on the server exactly once. If the
 * start request is still in flight at that moment it is allowed to finish, so its id can be cancelled.
 * @param ops - start, status and cancel calls
 * @param options - poll interval, stall timeout and 404 grace
 * @param scheduler - time source for pauses and timeouts
 * @returns a cold Observable: each subscription starts one import
 * @group Operators
 */
export function runImport(
  ops: ImportOperations,
  options: RunImportOptions,
  scheduler: SchedulerLike,
): Observable<ImportStatus> {
  return new Observable<ImportStatus>((subscriber) => {
    // Kept outside the subscriber's chain: unsubscribing must not abort the start before we know its id.
    const started = new AsyncSubject<string>();
    ops.start().subscribe(started);
    let finished = false;
    const run = started
      .pipe(
        catchError((error: unknown) =>
          throwError(
            () =>
              new ImportManagerError(`import could not start: ${messageOf(error)}`, undefined, {
                cause: error,
              }),
          ),
        ),
        switchMap((id) =>
          pollImportStatus(
            () =>
              ops.status(id).pipe(
                tap((status) => {
                  if (status.completed || status.error !== undefined) finished = true;
                }),
              ),
            {
              importId: id,
              pollIntervalMs: options.pollIntervalMs,
              stallTimeoutMs: options.stallTimeoutMs,
              notFoundGraceMs: options.notFoundGraceMs ?? DEFAULT_NOT_FOUND_GRACE_MS,
              scheduler,
            },
          ),
        ),
      )
      .subscribe(subscriber);
    return () => {
      run.unsubscribe();
      if (finished) return;
      // Fire and forget: the subscriber is gone, nobody is left to tell about a failed cancel.
      started
        .pipe(
          concatMap((id) => ops.cancel(id)),
          catchError(() => EMPTY),
        )
        .subscribe();
    };
  });
}
