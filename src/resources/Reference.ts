import { type Observable, catchError, concatMap, defer, forkJoin, map, of, throwError } from 'rxjs';
import { NotFoundError } from '../errors/ServerError';
import { hasMetadata, settleLostWrite } from './settleLostWrite';
import { ActionRuns } from './ActionRuns';
import { toChange, toCommit, toObjectOrPrefix } from '../models/fromWire';
import type { Change, Commit, CommonPrefix, ObjectInfo } from '../models/models';
import { deferPullable } from '../operators/deferPullable';
import { paginate, type PaginateOptions } from '../operators/paginate';
import type { Branch } from './Branch';
import type { ClientContext } from './ClientContext';
import { StoredObject } from './StoredObject';
import { validateBranchId, validateMetadata, validateRef, validateRepositoryId } from './validate';

/**
 * Options of {@link Reference.log}.
 * @group Resources
 */
export interface LogOptions extends Omit<PaginateOptions, 'after'> {
  /** Only commits that changed one of these object paths. */
  readonly objects?: readonly string[];
  /** Only commits that changed a path under one of these prefixes. */
  readonly prefixes?: readonly string[];
  /** Follow only the first parent of merge commits. @default false */
  readonly firstParent?: boolean;
  /** Drop commits created before this date. */
  readonly since?: Date;
  /** Stop after `maxAmount` matching commits (server-side `limit`). @default false */
  readonly limit?: boolean;
}

/**
 * Options of {@link Reference.objects}.
 * @group Resources
 */
export interface ListObjectsOptions extends PaginateOptions {
  /** Only paths starting with this string (it need not end at a delimiter). @default '' */
  readonly prefix?: string;
  /**
   * Group paths that continue past `prefix` with this character (usually `/`) into `CommonPrefix` rows.
   * @default none (a flat listing)
   */
  readonly delimiter?: string;
  /**
   * Return each object's `physicalAddress` as a presigned URL (with `physicalAddressExpiry`) that reads its
   * data without lakeFS credentials. Stores that cannot presign answer `BadRequestError`. @default false
   */
  readonly presign?: boolean;
}

/**
 * Options of {@link Reference.diff}.
 * @group Resources
 */
export interface DiffOptions extends PaginateOptions {
  /**
   * `three_dot` (what merging `other` into this ref would apply, with conflicts) or `two_dot` (the
   * direct difference between the two commits). @default 'three_dot'
   */
  readonly type?: 'two_dot' | 'three_dot';
  /** Only paths starting with this string. @default '' */
  readonly prefix?: string;
  /** Group changes under common prefixes ending with this character (`prefix_changed` rows). @default none */
  readonly delimiter?: string;
}

/**
 * Options of {@link Reference.mergeInto}.
 * @group Resources
 */
export interface MergeOptions {
  /** The merge commit's message. @default "Merge '<source>' into '<destination>'" (set by lakeFS) */
  readonly message?: string;
  /** The merge commit's metadata. @default {} */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * How to settle paths changed on both sides: fail with `ConflictError` (default), keep the
   * destination's version, or take the source's. @default undefined (fail on conflict)
   */
  readonly strategy?: 'dest-wins' | 'source-wins';
  /** Make a merge commit even when the source brings no changes. @default false */
  readonly allowEmpty?: boolean;
  /** Give the merge commit only the destination head as parent. @default false */
  readonly squash?: boolean;
}

/**
 * A lazy handle on any ref expression (branch, tag, commit id, `main~1`, `main@`…). Building it does no
 * I/O; every method returns a cold Observable whose errors arrive through it. A bad repository id or ref
 * fails with `ValidationError` before anything is sent; any request can also fail with `NetworkError`,
 * `TimeoutError` or `NotAuthorizedError`.
 * @group Resources
 * @example
 * repo.ref('v1.0').log({ maxAmount: 5 }).subscribe((commit) => console.log(commit.id, commit.message));
 */
export class Reference {
  constructor(
    protected readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
    /** The ref expression. */
    readonly id: string,
  ) {}

  /**
   * The commit this ref points at (a branch: its head commit, staging ignored).
   * @returns one `Commit`; fails with `NotFoundError` when the ref does not resolve
   * @throws {NotFoundError} through the Observable, when the repository is missing or the ref does not
   *   resolve (an ambiguous commit-id prefix included)
   * @throws {ValidationError} through the Observable, for a bad repository id or ref (nothing sent)
   * @example
   * repo.branch('main').getCommit().subscribe((commit) => console.log(commit.id, commit.committer));
   */
  getCommit(): Observable<Commit> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return this.ctx.api.getCommit(this.repositoryId, validateRef(this.id)).pipe(map(toCommit));
    });
  }

  /**
   * The commit log from this ref, newest first, as a lazy paged stream.
   * @param options - filters and paging; see {@link LogOptions}
   * @returns the commits, each once
   * @throws {NotFoundError} through the Observable, when the repository or ref does not exist
   * @throws {BadRequestError} through the Observable, for a ref lakeFS cannot log (such as `main$`)
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or paging option
   * @example
   * branch.log({ maxAmount: 10, prefixes: ['data/'] }).subscribe(c => console.log(c.id, c.message));
   */
  log(options: LogOptions = {}): Observable<Commit> {
    return deferPullable(() => {
      validateRepositoryId(this.repositoryId);
      validateRef(this.id);
      return paginate(
        (after, amount) =>
          this.ctx.api.logCommits(this.repositoryId, this.id, {
            after,
            amount,
            ...(options.objects?.length ? { objects: [...options.objects] } : {}),
            ...(options.prefixes?.length ? { prefixes: [...options.prefixes] } : {}),
            ...(options.firstParent ? { first_parent: true } : {}),
            ...(options.since ? { since: options.since.toISOString() } : {}),
            ...(options.limit ? { limit: true } : {}),
          }),
        options,
        toCommit,
      );
    });
  }

  /**
   * The objects at this ref (on a branch: committed plus staged), sorted by path, as a lazy paged
   * stream: the next page is requested only after the previous one was delivered.
   * @param options - prefix, delimiter, paging; see {@link ListObjectsOptions}
   * @returns objects, and with a delimiter also common prefixes
   * @throws {NotFoundError} through the Observable, when the repository or ref does not exist
   * @throws {BadRequestError} through the Observable, with `presign` on a store that cannot presign
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or paging option
   * @example
   * branch.objects({ prefix: 'logs/', delimiter: '/' }).subscribe(row => console.log(row.type, row.path));
   */
  objects(options: ListObjectsOptions = {}): Observable<ObjectInfo | CommonPrefix> {
    return deferPullable(() => {
      validateRepositoryId(this.repositoryId);
      validateRef(this.id);
      return paginate(
        (after, amount) =>
          this.ctx.api.listObjects(this.repositoryId, this.id, {
            after,
            amount,
            ...(options.prefix ? { prefix: options.prefix } : {}),
            ...(options.delimiter ? { delimiter: options.delimiter } : {}),
            ...(options.presign ? { presign: true } : {}),
          }),
        options,
        toObjectOrPrefix,
      );
    });
  }

  /**
   * The changes between this ref (left) and `other` (right), sorted by path, as a lazy paged stream.
   * `main.diff(feature)` lists what `feature` brings relative to `main`.
   * @param other - the right-hand ref, as an expression or a handle
   * @param options - see {@link DiffOptions}
   * @returns one `Change` per path (or common prefix)
   * @throws {NotFoundError} through the Observable, when the repository or either ref does not exist
   * @throws {BadRequestError} through the Observable, for a ref that is not a commit (`main$` on the left)
   * @throws {ValidationError} through the Observable, for a bad repository id, ref or paging option
   * @example
   * repo.branch('main').diff('feature').subscribe((change) => console.log(change.type, change.path));
   */
  diff(other: string | Reference, options: DiffOptions = {}): Observable<Change> {
    return deferPullable(() => {
      validateRepositoryId(this.repositoryId);
      validateRef(this.id);
      const right = validateRef(typeof other === 'string' ? other : other.id);
      return paginate(
        (after, amount) =>
          this.ctx.api.diffRefs(this.repositoryId, this.id, right, {
            after,
            amount,
            ...(options.type ? { type: options.type } : {}),
            ...(options.prefix ? { prefix: options.prefix } : {}),
            ...(options.delimiter ? { delimiter: options.delimiter } : {}),
          }),
        options,
        toChange,
      );
    });
  }

  /**
   * Merges this ref into `destination`, always as a new merge commit (lakeFS never fast-forwards).
   * Fails with `ConflictError` on conflicts (unless a `strategy` settles them), with `BadRequestError`
   * when there is nothing to merge or the destination has uncommitted changes. Never resent: a merge
   * whose answer was lost is settled from the destination's head (read before merging), or fails with
   * `OutcomeUnknownError` saying it may have been applied and how to check.
   * @param destination - the branch to merge into, as an id or handle
   * @param options - see {@link MergeOptions}
   * @returns the merge commit id
   * @throws {ConflictError} through the Observable, when both sides changed a path and no `strategy` is set
   * @throws {BadRequestError} through the Observable, when there is nothing to merge (unless `allowEmpty`)
   *   or the destination has uncommitted changes
   * @throws {NotFoundError} through the Observable, when the repository, source or destination does not exist
   * @throws {PreconditionFailedError} through the Observable, when a pre-merge hook fails
   * @throws {OutcomeUnknownError} through the Observable, when the answer was lost and the merge could not be
   *   told apart from other writes
   * @throws {ValidationError} through the Observable, for a bad id, ref or metadata (nothing sent)
   * @example
   * repo.branch('feature').mergeInto('main', { message: 'land feature' })
   *   .subscribe((commitId) => console.log('merged as', commitId));
   */
  mergeInto(destination: string | Branch, options: MergeOptions = {}): Observable<string> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateRef(this.id);
      const target = validateBranchId(typeof destination === 'string' ? destination : destination.id);
      const metadata = options.metadata ? { ...validateMetadata(options.metadata) } : undefined;
      const { api } = this.ctx;
      const merge$ = api.mergeIntoBranch(this.repositoryId, this.id, target, {
        ...(options.message !== undefined ? { message: options.message } : {}),
        ...(metadata ? { metadata } : {}),
        ...(options.strategy ? { strategy: options.strategy } : {}),
        ...(options.allowEmpty ? { allow_empty: true } : {}),
        ...(options.squash ? { squash_merge: true } : {}),
      });
      // Both heads before the merge, to recognise it if its answer is lost. A source that does not resolve
      // is left to the server, whose answer is the one lakeFS gives (it checks the destination first: a
      // dirty destination is 400 even when the source is missing).
      return forkJoin([
        api.getBranch(this.repositoryId, target),
        api
          .getCommit(this.repositoryId, this.id)
          .pipe(
            catchError((error: unknown) =>
              error instanceof NotFoundError ? of(undefined) : throwError(() => error),
            ),
          ),
      ]).pipe(
        concatMap(([before, source]) =>
          source === undefined
            ? merge$
            : merge$.pipe(
                settleLostWrite(
                  this.ctx,
                  {
                    repositoryId: this.repositoryId,
                    branchId: target,
                    headBefore: before.commit_id,
                    operation: `merge of ${this.id} into ${this.repositoryId}/${target}`,
                    isOurs: (head) =>
                      (options.squash === true || head.parents[1] === source.id) &&
                      (options.message === undefined || head.message === options.message) &&
                      hasMetadata(head, metadata),
                  },
                  (head) => ({ reference: head.id }),
                ),
              ),
        ),
        map((result) => result.reference),
      );
    });
  }

  /**
   * A handle on the object at `path` as of this ref (no I/O).
   * @param path - the object's path
   * @example
   * repo.tag('v1.0').object('config.json').json<{ retries: number }>().subscribe(console.log);
   */
  object(path: string): StoredObject {
    return new StoredObject(this.ctx, this.repositoryId, this.id, path);
  }

  /**
   * The action runs (hooks) triggered on this branch (no I/O).
   * @example
   * repo.branch('main').actionRuns().list().subscribe((run) => console.log(run.runId, run.status));
   */
  actionRuns(): ActionRuns {
    return new ActionRuns(this.ctx, this.repositoryId, { branch: this.id });
  }

  /**
   * The ref as a URI, `lakefs://<repository>/<ref>`.
   * @example
   * String(repo.ref('main~1')); // 'lakefs://my-repo/main~1'
   */
  toString(): string {
    return `lakefs://${this.repositoryId}/${this.id}`;
  }
}
