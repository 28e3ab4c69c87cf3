import {
  AsyncSubject,
  EMPTY,
  Observable,
  type ObservableInput,
  catchError,
  concat,
  connectable,
  concatMap,
  defer,
  forkJoin,
  from,
  ignoreElements,
  map,
  of,
  retry,
  throwError,
} from 'rxjs';
import { NotFoundError } from '../errors/ServerError';
import {
  NetworkError,
  TimeoutError,
  TransactionError,
  type TransactionFailureReason,
} from '../errors/clientErrors';
import { toCommit } from '../models/fromWire';
import type { TransactionResult } from '../models/models';
import { messageOf } from '../operators/messageOf';
import type { ClientContext } from './ClientContext';
import { randomUuid } from './randomUuid';
import { validateBranchId, validateMetadata, validateRepositoryId, validateTagId } from './validate';

/**
 * Options of {@link Branch.transact}.
 * @group Resources
 */
export interface TransactOptions {
  /** Message of the commit made on the ephemeral branch. @default '' */
  readonly commitMessage?: string;
  /** Metadata of that commit; the merge commit on the source branch carries it too. @default {} */
  readonly commitMetadata?: Record<string, string>;
  /** Delete the ephemeral branch when the transaction fails (keep it to inspect a failure). @default true */
  readonly deleteBranchOnError?: boolean;
  /**
   * Create this tag at the merge commit. Checked before the body runs: an existing tag fails the
   * transaction with nothing changed. @default undefined (no tag)
   */
  readonly tag?: string;
}

/** What a transaction needs to know about its source branch. */
export interface TransactionTarget<B> {
  readonly ctx: ClientContext;
  readonly repositoryId: string;
  /** The source branch: the transaction starts from its head and merges back into it. */
  readonly branchId: string;
  /** A handle on the ephemeral branch, handed to the body. */
  open(branchId: string): B;
}

/**
 * Runs `body` against a hidden ephemeral branch `tx-<uuid>` created from the source branch's head; when the
 * body completes, commits the ephemeral branch, merges it into the source (message
 * `Merge transaction tx-… to branch`), deletes it, tags the merge when asked, and emits
 * `{ commit, mergeRef }` (the ephemeral commit and the merge commit id).
 *
 * A body that changed nothing makes no commit and no merge: the ephemeral branch is deleted and the
 * stream completes **without emitting**.
 *
 * Any failure — input validation, uncommitted changes on the source branch (checked up front), an existing
 * `tag`, the body, the commit, the merge (e.g. a conflict) — deletes the ephemeral branch (unless
 * `deleteBranchOnError` is false) and then fails with `TransactionError`. Its `reason` is `'dirty-branch'` or
 * `'tag-exists'` for the refusals found up front (no server error: nothing was attempted), else `'failed'`
 * with the original error as `cause` (a `ConflictError` for a merge conflict).
 * Unsubscribing before the end deletes the ephemeral branch too; a create request still in flight is let
 * finish first so that nothing is left behind.
 * @param target - the source branch and how to open a handle on the ephemeral one
 * @param body - the work, given the ephemeral branch; its values are ignored, its completion lands the work
 * @param options - commit message and metadata, cleanup policy, tag
 * @returns a cold Observable: each subscription runs one transaction
 * @example
 * main.transact((tx) => tx.object('clean/users.json').upload(json), { commitMessage: 'ETL', tag: 'etl-42' })
 *   .subscribe(({ mergeRef }) => console.log('landed at', mergeRef));
 */
export function transact<B>(
  target: TransactionTarget<B>,
  body: (tx: B) => ObservableInput<unknown>,
  options: TransactOptions = {},
): Observable<TransactionResult> {
  return new Observable<TransactionResult>((subscriber) => {
    const { api } = target.ctx;
    const repo = target.repositoryId;
    const source = target.branchId;
    const txId = `tx-${randomUuid()}`;
    // What the server holds for txId: nothing yet, a create in flight, the branch, or nothing we own any more.
    let state: 'none' | 'creating' | 'exists' | 'released' = 'none';
    // Create and delete run detached from the subscriber (connected, not subscribed): unsubscribing during
    // one must not abort it, so that an early unsubscribe can still wait for the branch and remove it.
    const creation = connectable(api.createBranch(repo, { name: txId, source, hidden: true }), {
      connector: () => new AsyncSubject<string>(),
      resetOnDisconnect: false,
    });
    // A cleanup DELETE is idempotent: retry it after a timeout or a lost answer too (the transport does not
    // retry timeouts), so that a hiccup never leaves a tx- branch behind. A 404 on retry means it is gone.
    const deleteTxBranch = (): Observable<void> =>
      api.deleteBranch(repo, txId).pipe(
        retry({
          count: 2,
          delay: (error: unknown) =>
            error instanceof TimeoutError || error instanceof NetworkError ? of(0) : throwError(() => error),
        }),
      );
    const removal = connectable(
      deleteTxBranch().pipe(
        map(() => true),
        catchError((error: unknown) => of(error instanceof NotFoundError)),
      ),
      { connector: () => new AsyncSubject<boolean>(), resetOnDisconnect: false },
    );
    const removeBranch = (): Observable<boolean> =>
      defer(() => {
        state = 'released';
        removal.connect();
        return removal;
      });

    let metadata: Record<string, string> = {};
    const preflight = defer(() => {
      validateRepositoryId(repo);
      validateBranchId(source);
      if (options.tag !== undefined) validateTagId(options.tag);
      metadata = validateMetadata(options.commitMetadata, 'commitMetadata');
      return forkJoin([dirtyCheck(repo, source, target.ctx), tagCheck(repo, options.tag, target.ctx)]);
    });

    const create = defer(() => {
      state = 'creating';
      creation.connect();
      return creation;
    }).pipe(
      map(() => {
        state = 'exists';
      }),
    );

    const commitAndMerge = (): Observable<TransactionResult> =>
      api
        .commit(repo, txId, {
          message: options.commitMessage ?? '',
          ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
        })
        .pipe(
          concatMap((commit) =>
            api
              .mergeIntoBranch(repo, txId, source, {
                message: `Merge transaction ${txId} to branch`,
                ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
              })
              .pipe(
                // A merge is never resent; when its answer was lost, the source head tells whether it landed.
                catchError((error: unknown) =>
                  error instanceof TimeoutError || error instanceof NetworkError
                    ? landedMerge(api, repo, source, txId, commit.id, error)
                    : throwError(() => error),
                ),
                concatMap((merge) =>
                  removeBranch().pipe(
                    concatMap(() =>
                      options.tag === undefined
                        ? of(undefined)
                        : api.createTag(repo, { id: options.tag, ref: merge.reference }),
                    ),
                    map(() => ({ commit: toCommit(commit), mergeRef: merge.reference })),
                  ),
                ),
              ),
          ),
        );

    // Nothing changed: no commit, no merge, no emission.
    const land = api
      .diffBranch(repo, txId, { amount: 1 })
      .pipe(
        concatMap((diff) =>
          diff.results.length === 0 ? removeBranch().pipe(ignoreElements()) : commitAndMerge(),
        ),
      );

    const fail = (error: unknown): Observable<never> => {
      const failure = (deleted: boolean): TransactionError =>
        error instanceof PreflightRefusal
          ? new TransactionError(
              `transaction on ${repo}/${source} refused: ${error.message}`,
              txId,
              deleted,
              undefined,
              error.reason,
            )
          : new TransactionError(
              `transaction ${txId} on ${repo}/${source} failed: ${messageOf(error)}`,
              txId,
              deleted,
              error,
            );
      if (state === 'none' || state === 'released') return throwError(() => failure(true));
      if (options.deleteBranchOnError === false) {
        state = 'released';
        return throwError(() => failure(false));
      }
      return removeBranch().pipe(concatMap((deleted) => throwError(() => failure(deleted))));
    };

    const run = concat(
      preflight.pipe(ignoreElements()),
      create.pipe(ignoreElements()),
      defer(() => from(body(target.open(txId)))).pipe(ignoreElements()),
      land,
    )
      .pipe(catchError(fail))
      .subscribe(subscriber);

    return () => {
      run.unsubscribe();
      if (state !== 'creating' && state !== 'exists') return;
      state = 'released';
      creation
        .pipe(
          catchError(() => of(undefined)),
          concatMap(() => deleteTxBranch()),
          catchError(() => EMPTY),
        )
        .subscribe();
    };
  });
}

/** A refusal found before anything changed; `fail` turns it into a `TransactionError` with its reason. */
class PreflightRefusal extends Error {
  constructor(
    readonly reason: TransactionFailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses the transaction when `branch` has uncommitted changes (its merge would fail). */
function dirtyCheck(repo: string, branch: string, ctx: ClientContext): Observable<void> {
  return ctx.api.diffBranch(repo, branch, { amount: 1 }).pipe(
    map((diff) => {
      if (diff.results.length > 0)
        throw new PreflightRefusal('dirty-branch', `branch ${branch} has uncommitted changes (dirty branch)`);
    }),
  );
}

/** Refuses the transaction when `tag` already exists (tagging the merge would fail). */
function tagCheck(repo: string, tag: string | undefined, ctx: ClientContext): Observable<void> {
  if (tag === undefined) return of(undefined);
  return ctx.api.getTag(repo, tag).pipe(
    map(() => {
      throw new PreflightRefusal('tag-exists', `tag ${tag} already exists`);
    }),
    catchError((error: unknown) =>
      error instanceof NotFoundError ? of(undefined) : throwError(() => error),
    ),
  );
}

/**
 * After a merge whose answer was lost: the source head is our merge when its message names the transaction
 * and its second parent is the transaction's commit; then the merge ref is that head, else the original error.
 */
function landedMerge(
  api: ClientContext['api'],
  repo: string,
  source: string,
  txId: string,
  txCommitId: string,
  original: unknown,
): Observable<{ reference: string }> {
  return api.getCommit(repo, source).pipe(
    concatMap((head) =>
      head.message === `Merge transaction ${txId} to branch` && head.parents[1] === txCommitId
        ? of({ reference: head.id })
        : throwError(() => original),
    ),
    catchError(() => throwError(() => original)),
  );
}
