import {
  type Observable,
  type ObservableInput,
  catchError,
  concatMap,
  defer,
  map,
  mergeMap,
  of,
  throwError,
} from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import { ConflictError, NotFoundError } from '../errors/ServerError';
import { toChange, toCommit } from '../models/fromWire';
import type { Change, Commit, ImportStatus, TransactionResult } from '../models/models';
import { deferPullable } from '../operators/deferPullable';
import { paginate, type PaginateOptions } from '../operators/paginate';
import type { ClientContext } from './ClientContext';
import { type DeletablePaths, deleteInBatches } from './deleteInBatches';
import { Reference } from './Reference';
import {
  validateBranchId,
  validateMetadata,
  validatePath,
  validateRef,
  validateRepositoryId,
} from './validate';
import { WriteableObject } from './WriteableObject';
import { type ImportDataOptions, ImportManager } from './ImportManager';
import { type TransactOptions, transact } from './transact';
import { hasMetadata, settleLostWrite } from './settleLostWrite';
import { type WatchImportOptions, fetchImportStatus, watchImport } from './watchImport';

/**
 * Options of {@link Branch.create}.
 * @group Resources
 */
export interface CreateBranchOptions {
  /** When the branch exists, emit it instead of failing with `ConflictError`. @default false */
  readonly existOk?: boolean;
  /** Hide the branch from `branches()` listings. @default false */
  readonly hidden?: boolean;
}

/**
 * Options of {@link Branch.commit}.
 * @group Resources
 */
export interface CommitOptions {
  /** The commit's metadata. @default {} */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Commit even when nothing changed (instead of failing with `BadRequestError`). @default false */
  readonly allowEmpty?: boolean;
}

/**
 * Options of {@link Branch.revert} and {@link Branch.cherryPick}.
 * @group Resources
 */
export interface ParentNumberOptions {
  /**
   * For a merge commit: which parent (1-based) the change is taken relative to. Required for merge
   * commits, where lakeFS otherwise fails (revert: `ConflictError`, cherry-pick: `BadRequestError`).
   * @default none (a regular commit)
   */
  readonly parentNumber?: number;
}

/**
 * Options of {@link Branch.uncommitted}.
 * @group Resources
 */
export interface UncommittedOptions extends PaginateOptions {
  /** Only paths starting with this string. @default '' */
  readonly prefix?: string;
  /** Group changes under common prefixes ending with this character. @default none */
  readonly delimiter?: string;
}

/**
 * Options of {@link Branch.resetChanges}.
 * @group Resources
 */
export interface ResetChangesOptions {
  /**
   * What to reset: one object (`path` required), every path under a prefix, or all uncommitted
   * changes. @default 'reset'
   */
  readonly pathType?: 'object' | 'common_prefix' | 'reset';
  /** The object path or prefix (ignored for `reset`). */
  readonly path?: string;
}

/**
 * A lazy handle on a branch: a reference you can write to. As for {@link Reference}, building it does no
 * I/O and errors arrive through the returned Observables. Writes to a read-only repository fail with
 * `ForbiddenError`; commits to a protected branch too.
 * @group Resources
 * @example
 * const feature = repo.branch('feature');
 * feature.create('main').pipe(
 *   concatMap(() => feature.object('data/a.csv').upload('id\n1\n')),
 *   concatMap(() => feature.commit('add a.csv')),
 * ).subscribe((commit) => console.log(commit.id));
 */
export class Branch extends Reference {
  constructor(ctx: ClientContext, repositoryId: string, id: string) {
    super(ctx, repositoryId, id);
  }

  /**
   * Creates the branch from `source` (its head commit when `source` is a branch; staged changes are not
   * copied).
   * @param source - a ref expression or handle
   * @param options - see {@link CreateBranchOptions}
   * @returns this handle; fails with `ConflictError` when the branch exists (unless `existOk`)
   * @throws {ConflictError} through the Observable, when the branch exists (unless `existOk`)
   * @throws {NotFoundError} through the Observable, when the repository or `source` does not exist
   * @throws {ValidationError} through the Observable, for a bad branch id or source ref (nothing sent)
   * @example
   * repo.branch('experiment').create('main', { existOk: true }).subscribe((branch) => console.log(`${branch}`));
   */
  create(source: string | Reference, options: CreateBranchOptions = {}): Observable<Branch> {
    return defer(() => {
      this.validateIds();
      const sourceRef = validateRef(typeof source === 'string' ? source : source.id);
      return this.ctx.api
        .createBranch(this.repositoryId, {
          name: this.id,
          source: sourceRef,
          ...(options.hidden ? { hidden: true } : {}),
        })
        .pipe(
          map(() => this as Branch),
          catchError((error: unknown) =>
            options.existOk && error instanceof ConflictError
              ? this.ctx.api.getBranch(this.repositoryId, this.id).pipe(map(() => this as Branch))
              : throwError(() => error),
          ),
        );
    });
  }

  /**
   * Deletes the branch; its uncommitted changes are dropped.
   * @param options - `missingOk`: a missing branch is not an error (@default false); `force`: bypass a
   *   read-only repository (@default false)
   * @throws {NotFoundError} through the Observable, when the branch does not exist (unless `missingOk`)
   * @throws {ForbiddenError} through the Observable, for the default branch, or a read-only repository
   *   without `force`
   * @throws {ValidationError} through the Observable, for a bad repository or branch id (nothing sent)
   * @example
   * repo.branch('experiment').delete({ missingOk: true }).subscribe();
   */
  delete(options: { readonly missingOk?: boolean; readonly force?: boolean } = {}): Observable<void> {
    return defer(() => {
      this.validateIds();
      return this.ctx.api
        .deleteBranch(this.repositoryId, this.id, options.force ? { force: true } : {})
        .pipe(
          catchError((error: unknown) =>
            options.missingOk && error instanceof NotFoundError ? of(undefined) : throwError(() => error),
          ),
        );
    });
  }

  /**
   * A handle on the commit the branch points at now (it stays there when the branch moves on).
   * @returns a `Reference` whose id is the head commit id
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ValidationError} through the Observable, for a bad repository or branch id (nothing sent)
   * @example
   * repo.branch('main').head().subscribe((head) => console.log('main is at', head.id));
   */
  head(): Observable<Reference> {
    return defer(() => {
      this.validateIds();
      return this.ctx.api
        .getBranch(this.repositoryId, this.id)
        .pipe(map((ref) => new Reference(this.ctx, this.repositoryId, ref.commit_id)));
    });
  }

  /**
   * Commits the branch's staged changes. Never resent: when the commit's answer is lost (the connection
   * broke after it was sent, or it timed out), the branch head — read before committing — tells whether it
   * happened: a new head on top of the old one with this message and metadata is the result; otherwise
   * it fails with `OutcomeUnknownError`, saying the commit may have been applied and how to check.
   * @param message - the commit message
   * @param options - see {@link CommitOptions}
   * @returns the new commit; fails with `BadRequestError` when there is nothing to commit
   * @throws {BadRequestError} through the Observable, when nothing changed (unless `allowEmpty`)
   * @throws {ForbiddenError} through the Observable, on a protected branch or a read-only repository
   * @throws {PreconditionFailedError} through the Observable, when a pre-commit hook fails
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {OutcomeUnknownError} through the Observable, when the answer was lost and the commit could not
   *   be recognised on the branch head
   * @throws {ValidationError} through the Observable, for a bad id, message or metadata (nothing sent)
   * @example
   * repo.branch('main').commit('nightly load', { metadata: { source: 'etl' } })
   *   .subscribe((commit) => console.log(commit.id));
   */
  commit(message: string, options: CommitOptions = {}): Observable<Commit> {
    return defer(() => {
      this.validateIds();
      if (typeof message !== 'string') throw new ValidationError('message', 'must be a string');
      const metadata = options.metadata ? { ...validateMetadata(options.metadata) } : undefined;
      const { api } = this.ctx;
      return api.getBranch(this.repositoryId, this.id).pipe(
        concatMap((before) =>
          api
            .commit(this.repositoryId, this.id, {
              message,
              ...(metadata ? { metadata } : {}),
              ...(options.allowEmpty ? { allow_empty: true } : {}),
            })
            .pipe(
              settleLostWrite(
                this.ctx,
                {
                  repositoryId: this.repositoryId,
                  branchId: this.id,
                  headBefore: before.commit_id,
                  operation: `commit on ${this.repositoryId}/${this.id}`,
                  isOurs: (head) => head.message === message && hasMetadata(head, metadata),
                },
                (head) => head,
              ),
            ),
        ),
        map(toCommit),
      );
    });
  }

  /**
   * Undoes the changes of commit `ref` with a new commit on this branch (which must have no
   * uncommitted changes).
   * @param ref - the commit to revert, as an expression or handle
   * @param options - `parentNumber` for a merge commit; see {@link ParentNumberOptions}
   * @returns the branch's new head commit (read right after the revert)
   * @throws {ConflictError} through the Observable, when the revert conflicts with later changes, or `ref`
   *   is a merge commit and no `parentNumber` is given
   * @throws {BadRequestError} through the Observable, when the branch has uncommitted changes, the parent
   *   number is out of range, or the revert changes nothing
   * @throws {NotFoundError} through the Observable, when the repository, branch or `ref` does not exist
   * @throws {ValidationError} through the Observable, for a bad id, ref or `parentNumber` (nothing sent)
   * @example
   * repo.branch('main').revert('main~1').subscribe((commit) => console.log(commit.message)); // Revert main~1
   */
  revert(ref: string | Reference, options: ParentNumberOptions = {}): Observable<Commit> {
    return defer(() => {
      this.validateIds();
      const target = validateRef(typeof ref === 'string' ? ref : ref.id);
      // lakeFS requires parent_number in the body; 0 means "a regular commit".
      return this.ctx.api
        .revertBranch(this.repositoryId, this.id, {
          ref: target,
          parent_number: parentNumber(options.parentNumber) ?? 0,
        })
        .pipe(mergeMap(() => this.getCommit()));
    });
  }

  /**
   * Applies the changes of commit `ref` to this branch as a new commit (which records the original
   * commit in its metadata).
   * @param ref - the commit to pick, as an expression or handle
   * @param options - `parentNumber` for a merge commit; see {@link ParentNumberOptions}
   * @returns the new commit
   * @throws {ConflictError} through the Observable, when the change conflicts with the branch
   * @throws {BadRequestError} through the Observable, when the branch has uncommitted changes, or `ref` is a
   *   merge commit without a (valid) `parentNumber`
   * @throws {NotFoundError} through the Observable, when the repository, branch or `ref` does not exist
   * @throws {ValidationError} through the Observable, for a bad id, ref or `parentNumber` (nothing sent)
   * @example
   * repo.branch('release').cherryPick('a1b2c3d').subscribe((commit) => console.log(commit.metadata));
   */
  cherryPick(ref: string | Reference, options: ParentNumberOptions = {}): Observable<Commit> {
    return defer(() => {
      this.validateIds();
      const target = validateRef(typeof ref === 'string' ? ref : ref.id);
      const parent = parentNumber(options.parentNumber);
      return this.ctx.api
        .cherryPick(this.repositoryId, this.id, {
          ref: target,
          ...(parent !== undefined ? { parent_number: parent } : {}),
        })
        .pipe(map(toCommit));
    });
  }

  /**
   * The branch's uncommitted changes (staging against the head commit), sorted by path, lazily paged.
   * @param options - see {@link UncommittedOptions}
   * @returns one `Change` per path (or common prefix)
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ValidationError} through the Observable, for a bad id or paging option (nothing sent)
   * @example
   * repo.branch('main').uncommitted({ prefix: 'data/' }).subscribe((change) => console.log(change.type, change.path));
   */
  uncommitted(options: UncommittedOptions = {}): Observable<Change> {
    return deferPullable(() => {
      this.validateIds();
      return paginate(
        (after, amount) =>
          this.ctx.api.diffBranch(this.repositoryId, this.id, {
            after,
            amount,
            ...(options.prefix ? { prefix: options.prefix } : {}),
            ...(options.delimiter ? { delimiter: options.delimiter } : {}),
          }),
        options,
        toChange,
      );
    });
  }

  /**
   * Drops uncommitted changes: of one object, of every path under a prefix, or all of them.
   * @param options - see {@link ResetChangesOptions}
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ForbiddenError} through the Observable, on a protected branch or a read-only repository
   * @throws {ValidationError} through the Observable, for a bad id, or `object` without a valid `path`
   * @example
   * repo.branch('main').resetChanges({ pathType: 'common_prefix', path: 'tmp/' }).subscribe();
   */
  resetChanges(options: ResetChangesOptions = {}): Observable<void> {
    return defer(() => {
      this.validateIds();
      const type = options.pathType ?? 'reset';
      if (type === 'object') validatePath(options.path ?? '');
      return this.ctx.api.resetBranch(this.repositoryId, this.id, {
        type,
        ...(type !== 'reset' ? { path: options.path ?? '' } : {}),
      });
    });
  }

  /**
   * Deletes many objects, at most 1000 per request (one request at a time). Missing paths are not
   * errors; paths the server refuses are collected and reported together at the end. A listing, an
   * iterable or an async iterable is pulled one batch at a time, so deleting a million listed objects
   * holds about one page.
   * @param paths - paths, `ObjectInfo`s or object handles: a listing, an iterable, an async iterable or an Observable
   * @returns `undefined` once; fails with `DeleteObjectsError` listing every path that was refused
   * @throws {DeleteObjectsError} through the Observable, at the end, listing every path the server refused
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ValidationError} through the Observable, for a bad id or path (nothing sent for that batch)
   * @example
   * branch.deleteObjects(branch.objects({ prefix: 'tmp/' })).subscribe();
   */
  deleteObjects(paths: DeletablePaths): Observable<void> {
    return defer(() => {
      this.validateIds();
      return deleteInBatches(paths, (batch) => this.ctx.api.deleteObjects(this.repositoryId, this.id, batch));
    });
  }

  /**
   * A handle on the object at `path` on this branch, readable and writeable (no I/O).
   * @param path - the object's path
   * @example
   * repo.branch('main').object('notes/today.md').upload('# Today\n', { contentType: 'text/markdown' }).subscribe();
   */
  override object(path: string): WriteableObject {
    return new WriteableObject(this.ctx, this.repositoryId, this.id, path);
  }

  /**
   * Prepares an import of data already in the object store into this branch (no I/O until started).
   * @param options - commit message and metadata of the import commit
   * @returns an {@link ImportManager}: add sources with `prefix()` / `object()`, then `run()`
   * @example
   * repo.branch('main').importData({ commitMessage: 'import raw' })
   *   .prefix('s3://bucket/raw/', 'raw/')
   *   .run()
   *   .subscribe((status) => console.log(status.ingestedObjects, status.completed));
   */
  importData(options: ImportDataOptions = {}): ImportManager {
    return new ImportManager(this.ctx, this.repositoryId, this.id, options);
  }

  /**
   * The status of import `id` on this branch, asked once.
   * @param id - the import id
   * @throws {NotFoundError} through the Observable, when there is no such import on this branch
   * @throws {ValidationError} through the Observable, for a bad repository or branch id (nothing sent)
   * @example
   * repo.branch('main').importStatus(importId).subscribe((status) => console.log(status.ingestedObjects));
   */
  importStatus(id: string): Observable<ImportStatus> {
    return fetchImportStatus(this.ctx, this.repositoryId, this.id, id);
  }

  /**
   * Observes import `id` (started elsewhere): distinct status ticks until completion. Subscribers share one
   * poll loop, and unsubscribing never cancels the import.
   * @param id - the import id
   * @param options - poll interval
   * @throws {NotFoundError} through the Observable, when there is no such import on this branch
   * @throws {ImportManagerError} through the Observable, when a status reports that the import failed
   * @throws {ValidationError} through the Observable, for a bad repository or branch id (nothing sent)
   * @example
   * repo.branch('main').watchImport(importId, { pollIntervalMs: 1000 })
   *   .subscribe({ next: (s) => console.log(s.ingestedObjects), complete: () => console.log('done') });
   */
  watchImport(id: string, options: WatchImportOptions = {}): Observable<ImportStatus> {
    return watchImport(this.ctx, this.repositoryId, this.id, id, options);
  }

  /**
   * Runs `body` on a hidden ephemeral branch and merges its work into this branch when it completes, or
   * leaves this branch untouched when it fails; see {@link transact} for the exact steps.
   * @param body - the work, given the ephemeral branch
   * @param options - commit message and metadata, cleanup policy, tag
   * @returns `{ commit, mergeRef }` once landed; completes without emitting when the body changed nothing;
   *   fails with `TransactionError`
   * @throws {TransactionError} through the Observable, when this branch has uncommitted changes or the tag
   *   exists (found before anything changed), or a step failed (`cause` holds that step's error)
   * @example
   * repo.branch('main').transact(
   *   (tx) => tx.object('data/a.csv').upload('id\n2\n').pipe(concatMap(() => tx.object('data/b.csv').delete())),
   *   { commitMessage: 'replace a, drop b' },
   * ).subscribe((result) => console.log('landed as', result.mergeRef));
   */
  transact(
    body: (tx: Branch) => ObservableInput<unknown>,
    options: TransactOptions = {},
  ): Observable<TransactionResult> {
    return transact(
      {
        ctx: this.ctx,
        repositoryId: this.repositoryId,
        branchId: this.id,
        open: (id) => new Branch(this.ctx, this.repositoryId, id),
      },
      body,
      options,
    );
  }

  private validateIds(): void {
    validateRepositoryId(this.repositoryId);
    validateBranchId(this.id);
  }
}

function parentNumber(value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
    throw new ValidationError('parentNumber', `${value} is not a 1-based parent number`);
  return value;
}
