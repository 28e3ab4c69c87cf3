import { type Observable, type SchedulerLike, defer, map, reduce, toArray } from 'rxjs';
import type { ActionRun as WireRun, HookRun as WireHook } from '../api/generated/models';
import { paginate, type PaginateOptions } from '../operators/paginate';
import { pollUntilDone } from '../operators/pollUntilDone';
import type { ClientContext } from './ClientContext';
import { validateRepositoryId } from './validate';

/**
 * One run of the actions an event (a commit, a merge…) triggered.
 * @group Models
 */
export interface ActionRunInfo {
  /** The run's id. */
  readonly runId: string;
  /** The branch whose event triggered the run. */
  readonly branch: string;
  /** The commit the run is about; empty for a pre-commit run (no commit exists yet). */
  readonly commitId: string;
  /** `pre-commit`, `post-merge`… (open: lakeFS adds events). */
  readonly eventType: string;
  /** `completed` or `failed` (open). */
  readonly status: string;
  /** When the run started. */
  readonly startTime: Date;
  /** When the run finished; absent while it is running. */
  readonly endTime?: Date;
}

/**
 * One hook's run inside an action run.
 * @group Models
 */
export interface HookRunInfo {
  /** The hook run's id, for {@link ActionRun.hookOutput}. */
  readonly hookRunId: string;
  /** The name of the action (the `name` of its YAML file under `_lakefs_actions/`) the hook belongs to. */
  readonly action: string;
  /** The hook's `id` inside that action. */
  readonly hookId: string;
  /** `completed` or `failed` (open). */
  readonly status: string;
  /** When the hook started. */
  readonly startTime: Date;
  /** When the hook finished; absent while it is running. */
  readonly endTime?: Date;
}

/**
 * Options of the action-run listings.
 * @group Resources
 */
export interface ListActionRunsOptions extends PaginateOptions {
  /** Only runs triggered on this branch. @default the handle's branch, if any */
  readonly branch?: string;
  /** Only runs about this commit. @default none */
  readonly commitId?: string;
}

/**
 * Options of {@link ActionRuns.follow}.
 * @group Resources
 */
export interface FollowActionRunsOptions {
  /** Runs to wait for. @default 1 */
  readonly expectedRuns?: number;
  /** Pause between polls. @default 1000 */
  readonly intervalMs?: number;
  /** Scheduler of the pauses (a `TestScheduler` in marble tests). @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

const toRun = (r: WireRun): ActionRunInfo => ({
  runId: r.run_id,
  branch: r.branch,
  commitId: r.commit_id,
  eventType: r.event_type,
  status: r.status,
  startTime: new Date(r.start_time),
  ...(r.end_time ? { endTime: new Date(r.end_time) } : {}),
});

const toHook = (h: WireHook): HookRunInfo => ({
  hookRunId: h.hook_run_id,
  action: h.action,
  hookId: h.hook_id,
  status: h.status,
  startTime: new Date(h.start_time),
  ...(h.end_time ? { endTime: new Date(h.end_time) } : {}),
});

const finished = (r: ActionRunInfo): boolean => r.status === 'completed' || r.status === 'failed';

/**
 * A lazy handle on one action run.
 * @group Resources
 */
export class ActionRun {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
    /** The run id. */
    readonly runId: string,
  ) {}

  /**
   * The run's details, asked once.
   * @throws {NotFoundError} through the Observable, when the repository or run does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.actionRuns().run(runId).get().subscribe((run) => console.log(run.status, run.endTime));
   */
  get(): Observable<ActionRunInfo> {
    return defer(() => this.ctx.api.getRun(validateRepositoryId(this.repositoryId), this.runId)).pipe(
      map(toRun),
    );
  }

  /**
   * The run's hook runs, lazily paged.
   * @throws {NotFoundError} through the Observable, when the repository or run does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or paging option (nothing sent)
   * @example
   * repo.actionRuns().run(runId).hooks().subscribe((hook) => console.log(hook.hookId, hook.status));
   */
  hooks(options: PaginateOptions = {}): Observable<HookRunInfo> {
    return defer(() =>
      paginate(
        (after, amount) =>
          this.ctx.api.listRunHooks(validateRepositoryId(this.repositoryId), this.runId, { after, amount }),
        options,
      ),
    ).pipe(map(toHook));
  }

  /**
   * A hook run's output (the request it made and the answer it got), as text.
   * @throws {NotFoundError} through the Observable, when the repository, run or hook run does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * const run = repo.actionRuns().run(runId);
   * run.hooks().pipe(concatMap((hook) => run.hookOutput(hook.hookRunId))).subscribe(console.log);
   */
  hookOutput(hookRunId: string): Observable<string> {
    return defer(() =>
      this.ctx.api.getRunHookOutput(validateRepositoryId(this.repositoryId), this.runId, hookRunId),
    ).pipe(
      toArray(),
      map((chunks) => {
        const decoder = new TextDecoder();
        return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
      }),
    );
  }
}

/**
 * The action runs of a repository (from `repo.actionRuns()` / `ref.actionRuns()`).
 * @group Resources
 */
export class ActionRuns {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
    private readonly filter: { branch?: string } = {},
  ) {}

  /**
   * A lazy, paged stream of runs, oldest first.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or paging option (nothing sent)
   * @example
   * repo.actionRuns().list({ branch: 'main' }).subscribe((run) => console.log(run.eventType, run.status));
   */
  list(options: ListActionRunsOptions = {}): Observable<ActionRunInfo> {
    const branch = options.branch ?? this.filter.branch;
    return defer(() =>
      paginate(
        (after, amount) =>
          this.ctx.api.listRepositoryRuns(validateRepositoryId(this.repositoryId), {
            after,
            amount,
            ...(branch ? { branch } : {}),
            ...(options.commitId ? { commit: options.commitId } : {}),
          }),
        options,
      ),
    ).pipe(map(toRun));
  }

  /**
   * A handle on the run `runId` (no I/O).
   * @example
   * repo.actionRuns().run(runId).get().subscribe(console.log);
   */
  run(runId: string): ActionRun {
    return new ActionRun(this.ctx, this.repositoryId, runId);
  }

  /**
   * Follows the runs of a commit (its post-commit or post-merge hooks run after the commit exists):
   * polls and emits the commit's runs each round, and completes once `expectedRuns` runs are there and
   * all have finished. Unsubscribing stops polling.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.branch('main').commit('load').pipe(
   *   concatMap((commit) => repo.actionRuns().follow(commit.id, { expectedRuns: 1 })),
   * ).subscribe((runs) => console.log(runs.map((r) => r.status)));
   */
  follow(commitId: string, options: FollowActionRunsOptions = {}): Observable<readonly ActionRunInfo[]> {
    const expected = options.expectedRuns ?? 1;
    return pollUntilDone(
      () => this.list({ commitId }).pipe(reduce((all: ActionRunInfo[], r) => [...all, r], [])),
      {
        isDone: (runs) => runs.length >= expected && runs.every(finished),
        ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
      },
    );
  }
}
