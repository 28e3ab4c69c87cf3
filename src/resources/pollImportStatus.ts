import {
  type Observable,
  type SchedulerLike,
  asyncScheduler,
  catchError,
  defer,
  distinctUntilChanged,
  map,
  retry,
  throwError,
  timeout,
  timer,
} from 'rxjs';
import { ImportManagerError, TimeoutError } from '../errors/clientErrors';
import { NotFoundError } from '../errors/ServerError';
import type { ImportStatus } from '../models/models';
import { messageOf } from '../operators/messageOf';
import { pollUntilDone } from '../operators/pollUntilDone';

/**
 * Options of {@link pollImportStatus}.
 * @group Operators
 */
export interface PollImportStatusOptions {
  /** The import being watched; named in errors. */
  readonly importId: string;
  /** Pause between an answer and the next status request, in milliseconds. @default 1000 */
  readonly pollIntervalMs?: number;
  /**
   * Fail when no new status (a changed `updateTime`, count, completion or error) arrives for this long, in
   * milliseconds. Keep it well above `pollIntervalMs`. @default undefined (never)
   */
  readonly stallTimeoutMs?: number;
  /**
   * For this long after subscribing, and until a first status arrives, a 404 answer is retried instead of
   * failing: a server may not know an import id for a moment after it started it. @default 0 (no retry)
   */
  readonly notFoundGraceMs?: number;
  /** Scheduler for pauses, retries and the stall timer. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/** Pause between two retries of a 404 during the grace period, at most, in milliseconds. */
const NOT_FOUND_RETRY_MS = 100;

/**
 * Two statuses are the same tick when nothing a watcher could notice changed.
 * @group Operators
 */
export function sameImportStatus(a: ImportStatus, b: ImportStatus): boolean {
  return (
    a.completed === b.completed &&
    a.updateTime.getTime() === b.updateTime.getTime() &&
    a.ingestedObjects === b.ingestedObjects &&
    a.error === b.error &&
    a.commit?.id === b.commit?.id &&
    a.metarangeId === b.metarangeId
  );
}

const isFinal = (status: ImportStatus): boolean => status.completed || status.error !== undefined;

/**
 * Polls an import's status and emits each distinct tick, completing after the completed one. A status that
 * carries an error fails the stream with `ImportManagerError` (that status is not emitted); so does a
 * failed status request (the original error is the `cause`) and, with `stallTimeoutMs`, a stall (the
 * `cause` is a `TimeoutError` with phase `'stall'`). Observing only: nothing here cancels the import.
 * @param fetchStatus - asks the server for the status once
 * @param options - import id, pause, stall timeout, 404 grace and scheduler
 * @returns a cold Observable of distinct statuses
 * @example
 * pollImportStatus(() => branch.importStatus(id), { importId: id, pollIntervalMs: 500 })
 * @group Operators
 */
export function pollImportStatus(
  fetchStatus: () => Observable<ImportStatus>,
  options: PollImportStatusOptions,
): Observable<ImportStatus> {
  const { importId } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(() => {
    const graceEnds = scheduler.now() + (options.notFoundGraceMs ?? 0);
    let answered = false;
    const fetchOnce = defer(fetchStatus).pipe(
      retry({
        delay: (error: unknown) =>
          error instanceof NotFoundError && !answered && scheduler.now() < graceEnds
            ? timer(Math.min(NOT_FOUND_RETRY_MS, Math.max(0, graceEnds - scheduler.now())), scheduler)
            : throwError(() => error),
      }),
      map((status) => {
        answered = true;
        return status;
      }),
    );
    let ticks = pollUntilDone(() => fetchOnce, {
      isDone: isFinal,
      intervalMs: options.pollIntervalMs,
      scheduler,
    }).pipe(distinctUntilChanged(sameImportStatus));
    const stallMs = options.stallTimeoutMs;
    if (stallMs !== undefined && stallMs > 0) {
      ticks = ticks.pipe(
        timeout({
          each: stallMs,
          scheduler,
          with: () =>
            throwError(
              () =>
                new ImportManagerError(`import ${importId} made no progress for ${stallMs} ms`, importId, {
                  cause: new TimeoutError('stall', stallMs, `import ${importId}`),
                }),
            ),
        }),
      );
    }
    return ticks.pipe(
      map((status) => {
        if (status.error !== undefined)
          throw new ImportManagerError(`import ${importId} failed: ${status.error}`, importId);
        return status;
      }),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof ImportManagerError
            ? error
            : new ImportManagerError(
                `import ${importId}: status request failed: ${messageOf(error)}`,
                importId,
                {
                  cause: error,
                },
              ),
        ),
      ),
    );
  });
}
