import { ApiError, badRequest, notFound } from '../http/ApiError';
import { withBranchLock } from './branchLock';
import { branchHead } from './branchStore';
import { makeCommit } from './makeCommit';
import { runInSlices, runNow, type Steps } from './steps';
import { type StoreWork, workReporter } from './storeWork';
import { TreeBuilder } from './TreeBuilder';
import type { BranchRecord, CommitRecord, RepositoryRecord, TreeSnapshot } from './types';

/** A commit request. */
export interface CommitInput {
  readonly message: string;
  readonly committer: string;
  /** @default {} */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Unix seconds overriding the creation date. @default now */
  readonly date?: number;
  /** Commit even when nothing effective is staged. @default false */
  readonly allowEmpty?: boolean;
}

/** Times a commit, merge or import rebuilds on a head that moved under it before giving up (lakeFS: 10). */
export const BRANCH_UPDATE_TRIES = 10;

/** 500 as lakeFS answers when its branch update kept failing. */
export const tooManyTries = (): ApiError => new ApiError(500, 'update branch: too many tries');

/**
 * Stores a new tree's nodes in steps (a data directory), holding them from being swept until `land` has
 * written the commit that references them; `land` runs synchronously right after the last step.
 * @returns what `land` returns
 */
export function* storeTreeThen<T>(snapshot: TreeSnapshot, land: () => T): Steps<T> {
  const release = snapshot.tree.source.hold?.();
  try {
    yield* snapshot.tree.saveSteps();
    return land();
  } finally {
    release?.();
  }
}

/**
 * The steps of a commit (see {@link commitBranch}): staging is sealed first, so writes made while the
 * commit runs go to a fresh staging area and are not part of it (lakeFS's sealed staging token); the new
 * tree is built and stored in steps; the branch moves, and the sealed changes are dropped, in one
 * synchronous last step — all or nothing. A branch whose head moved meanwhile (a reset, a revert) is
 * rebuilt on its new head, as lakeFS retries its branch update.
 */
export function* commitSteps(
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: CommitInput,
): Steps<CommitRecord> {
  const sealed = branch.staging.seal();
  let committed = false;
  try {
    for (let attempt = 1; ; attempt++) {
      const head = branchHead(repo, branch);
      const builder = new TreeBuilder(head);
      yield* builder.applySteps(sealed.entries());
      if (builder.changes === 0 && !input.allowEmpty) throw badRequest('commit: no changes');
      const snapshot = builder.changes === 0 ? head : builder.finish();
      const commit = yield* storeTreeThen(snapshot, () => {
        if (branch.commitId !== head.id) return undefined;
        if (repo.branches.get(branch.id) !== branch) throw notFound('branch not found');
        const made = makeCommit(repo, {
          parents: [head.id],
          committer: input.committer,
          message: input.message,
          metadata: input.metadata ?? {},
          snapshot,
          date: input.date,
          metaRangeId: builder.changes === 0 ? head.metaRangeId : undefined,
        });
        branch.commitId = made.id;
        branch.staging.release(sealed, true);
        committed = true;
        return made;
      });
      if (commit) return commit;
      if (attempt >= BRANCH_UPDATE_TRIES) throw tooManyTries();
    }
  } finally {
    if (!committed) branch.staging.release(sealed, false);
  }
}

/**
 * Commits a branch's staging area at once: the new tree is the head tree with staged entries set and
 * tombstones removed. Nothing effective (identical re-uploads count as nothing) is 400 `commit: no
 * changes` unless `allowEmpty`, in which case the parent's meta range is reused. For small internal
 * commits; requests use {@link commitBranchInSlices}.
 * @returns the new head commit
 */
export function commitBranch(repo: RepositoryRecord, branch: BranchRecord, input: CommitInput): CommitRecord {
  return runNow(commitSteps(repo, branch, input));
}

/**
 * {@link commitBranch} in slices, so other requests are served while a large commit runs; a second
 * commit, merge or import of the branch waits for this one.
 * @param work - where `work` events are reported @default none
 * @returns the new head commit
 */
export function commitBranchInSlices(
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: CommitInput,
  work?: StoreWork,
): Promise<CommitRecord> {
  return withBranchLock(branch, () =>
    runInSlices(commitSteps(repo, branch, input), workReporter(work, 'commit', repo, branch)),
  );
}
