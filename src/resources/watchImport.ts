import { type Observable, ReplaySubject, defer, finalize, map, share } from 'rxjs';
import { toImportStatus } from '../models/fromWire';
import type { ImportStatus } from '../models/models';
import { pollImportStatus } from './pollImportStatus';
import { DEFAULT_POLL_INTERVAL_MS } from '../operators/pollUntilDone';
import type { ClientContext } from './ClientContext';
import { validateBranchId, validateRepositoryId } from './validate';

/**
 * Options of {@link Branch.watchImport}.
 * @group Resources
 */
export interface WatchImportOptions {
  /** Pause between an answer and the next status request, in milliseconds. @default 1000 */
  readonly pollIntervalMs?: number;
}

/**
 * Asks for an import's status once.
 * @param ctx - the client's context
 * @param repositoryId - repository of the import
 * @param branchId - branch the import writes to
 * @param importId - the id `start()` emitted
 * @returns a cold Observable of one {@link ImportStatus}
 */
export function fetchImportStatus(
  ctx: ClientContext,
  repositoryId: string,
  branchId: string,
  importId: string,
): Observable<ImportStatus> {
  return defer(() => {
    validateRepositoryId(repositoryId);
    validateBranchId(branchId);
    return ctx.api.importStatus(repositoryId, branchId, importId).pipe(map(toImportStatus));
  });
}

// One poll loop per (client, import, interval) while someone watches, found at subscription time so that
// separate watchImport() calls for the same import share it too. Entries leave the map when the loop ends.
const loops = new WeakMap<ClientContext, Map<string, Observable<ImportStatus>>>();

/**
 * Observes an import without owning it: distinct status ticks until the completed one, `ImportManagerError`
 * when the status carries an error. All subscribers share one poll loop (a late subscriber first gets the
 * latest status); the loop stops when the last one unsubscribes, and unsubscribing never cancels the import.
 * @param ctx - the client's context
 * @param repositoryId - repository of the import
 * @param branchId - branch the import writes to
 * @param importId - the id `start()` emitted
 * @param options - poll interval
 * @returns a shared Observable of distinct {@link ImportStatus} ticks
 * @example
 * const watch = branch.watchImport(id, { pollIntervalMs: 500 });
 * watch.subscribe(renderProgress);
 * watch.subscribe(logProgress); // same poll loop, no extra requests
 */
export function watchImport(
  ctx: ClientContext,
  repositoryId: string,
  branchId: string,
  importId: string,
  options: WatchImportOptions = {},
): Observable<ImportStatus> {
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const key = JSON.stringify([repositoryId, branchId, importId, pollIntervalMs]);
  return defer(() => {
    let registry = loops.get(ctx);
    if (!registry) {
      registry = new Map();
      loops.set(ctx, registry);
    }
    const running = registry.get(key);
    if (running) return running;
    const byKey = registry;
    const loop: Observable<ImportStatus> = pollImportStatus(
      () => fetchImportStatus(ctx, repositoryId, branchId, importId),
      { importId, pollIntervalMs, scheduler: ctx.scheduler },
    ).pipe(
      finalize(() => {
        if (byKey.get(key) === loop) byKey.delete(key);
      }),
      share({
        connector: () => new ReplaySubject<ImportStatus>(1),
        resetOnError: true,
        resetOnComplete: false,
        resetOnRefCountZero: true,
      }),
    );
    byKey.set(key, loop);
    return loop;
  });
}
