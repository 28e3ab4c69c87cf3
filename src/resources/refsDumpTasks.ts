import { type Observable, defer, distinctUntilChanged, map, mergeMap } from 'rxjs';
import { RefsTaskError } from '../errors/clientErrors';
import { pollUntilDone } from '../operators/pollUntilDone';
import type { ClientContext } from './ClientContext';
import { validateRepositoryId } from './validate';

/**
 * What a refs dump wrote into the repository's storage namespace: the ids of the three metadata files
 * holding its commits, branches and tags (lakeFS's `RefsDump`, also kept as `_lakefs/refs_manifest.json`).
 * @group Models
 */
export interface RefsManifest {
  /** The file of every commit. */
  readonly commitsMetaRangeId: string;
  /** The file of every tag. */
  readonly tagsMetaRangeId: string;
  /** The file of every branch. */
  readonly branchesMetaRangeId: string;
}

/**
 * One tick of a dump or restore task.
 * @group Models
 */
export interface RefsTaskStatus {
  /** The server's task id. */
  readonly taskId: string;
  /** True once the task finished (successfully: a failed one errors the stream instead). */
  readonly done: boolean;
  /** When the server last updated the status. */
  readonly updateTime: Date;
  /** A finished dump's manifest. */
  readonly refs?: RefsManifest;
}

/**
 * Options of `Repository.dumpRefs` and `Repository.restoreRefs`.
 * @group Resources
 */
export interface RefsTaskOptions {
  /** Pause between an answer and the next status request, in milliseconds. @default 1000 */
  readonly pollIntervalMs?: number;
}

/**
 * Options of `Repository.restoreRefs`.
 * @group Resources
 */
export interface RestoreRefsOptions extends RefsTaskOptions {
  /** Restore into a read-only repository. @default false */
  readonly force?: boolean;
}

interface WireStatus {
  readonly id: string;
  readonly done: boolean;
  readonly update_time: string;
  readonly error?: string | null;
  readonly refs?: {
    commits_meta_range_id: string;
    tags_meta_range_id: string;
    branches_meta_range_id: string;
  } | null;
}

const toManifest = (r: NonNullable<WireStatus['refs']>): RefsManifest => ({
  commitsMetaRangeId: r.commits_meta_range_id,
  tagsMetaRangeId: r.tags_meta_range_id,
  branchesMetaRangeId: r.branches_meta_range_id,
});

const sameStatus = (a: WireStatus, b: WireStatus): boolean =>
  a.done === b.done && a.update_time === b.update_time && a.error === b.error;

/** Polls a task until done, emitting distinct ticks and failing on a status with an error. */
function follow(
  what: string,
  taskId: string,
  fetch: () => Observable<WireStatus>,
  options: RefsTaskOptions,
): Observable<RefsTaskStatus> {
  return pollUntilDone(fetch, { isDone: (s) => s.done, intervalMs: options.pollIntervalMs }).pipe(
    distinctUntilChanged(sameStatus),
    map((s) => {
      if (s.error !== undefined && s.error !== null)
        throw new RefsTaskError(`${what} (task ${taskId}) failed: ${s.error}`, taskId);
      return {
        taskId: s.id,
        done: s.done,
        updateTime: new Date(s.update_time),
        ...(s.refs ? { refs: toManifest(s.refs) } : {}),
      };
    }),
  );
}

/**
 * Submits a refs dump task and follows it (see `Repository.dumpRefs`).
 * @returns a cold Observable of distinct ticks, the done one carrying the manifest
 */
export function dumpRefsTask(
  ctx: ClientContext,
  repositoryId: string,
  options: RefsTaskOptions = {},
): Observable<RefsTaskStatus> {
  return defer(() => {
    validateRepositoryId(repositoryId);
    return ctx.api
      .dumpSubmit(repositoryId)
      .pipe(
        mergeMap(({ id }) =>
          follow(
            `refs dump of ${repositoryId}`,
            id,
            () => ctx.api.dumpStatus(repositoryId, { task_id: id }),
            options,
          ),
        ),
      );
  });
}

/**
 * Submits a refs restore task and follows it (see `Repository.restoreRefs`).
 * @returns a cold Observable of distinct ticks
 */
export function restoreRefsTask(
  ctx: ClientContext,
  repositoryId: string,
  manifest: RefsManifest,
  options: RestoreRefsOptions = {},
): Observable<RefsTaskStatus> {
  return defer(() => {
    validateRepositoryId(repositoryId);
    return ctx.api
      .restoreSubmit(repositoryId, {
        commits_meta_range_id: manifest.commitsMetaRangeId,
        tags_meta_range_id: manifest.tagsMetaRangeId,
        branches_meta_range_id: manifest.branchesMetaRangeId,
        ...(options.force !== undefined ? { force: options.force } : {}),
      })
      .pipe(
        mergeMap(({ id }) =>
          follow(
            `refs restore into ${repositoryId}`,
            id,
            () => ctx.api.restoreStatus(repositoryId, { task_id: id }),
            options,
          ),
        ),
      );
  });
}
