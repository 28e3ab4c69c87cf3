import { ApiError, badRequest, notFound } from '../http/ApiError';
import { assertClean } from './branchOps';
import { withBranchLock } from './branchLock';
import { branchHead } from './branchStore';
import { BRANCH_UPDATE_TRIES, storeTreeThen, tooManyTries } from './commitBranch';
import { findMergeBase } from './findMergeBase';
import { makeCommit } from './makeCommit';
import { type MergeStrategy, mergeTreeSteps } from './mergeTrees';
import { resolveCommit } from './resolveRef';
import { runInSlices, runNow, type Steps } from './steps';
import { type StoreWork, workReporter } from './storeWork';
import type { BranchRecord, CommitRecord, RepositoryRecord, TreeSnapshot } from './types';

/** A merge request, as the `Merge` body gives it. */
export interface MergeInput {
  readonly sourceRef: string;
  readonly committer: string;
  /** @default `Merge '<source>' into '<destination>'` */
  readonly message?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** @default 'default' */
  readonly strategy?: MergeStrategy;
  /** Merge even when the source brings nothing. @default false */
  readonly allowEmpty?: boolean;
  /** Also allows merging nothing. @default false */
  readonly force?: boolean;
  /** Only the destination head as parent. @default false */
  readonly squash?: boolean;
}

/** 409 with lakeFS's merge-conflict body `{"reference":""}`. */
export const mergeConflict = (): ApiError => new ApiError(409, 'conflict found', { reference: '' });

/**
 * The steps of a merge (see {@link mergeRefs}). The destination must be clean when the merge starts;
 * writes made to it while the merge runs stay staged on top of the merge commit, as lakeFS seals an empty
 * staging token for a merge. The branch moves in one synchronous last step; a destination head that
 * moved meanwhile is merged again, as lakeFS retries its branch update.
 */
export function* mergeSteps(
  repo: RepositoryRecord,
  dest: BranchRecord,
  input: MergeInput,
): Steps<CommitRecord> {
  const source = resolveCommit(repo, input.sourceRef);
  assertClean(repo, dest);
  for (let attempt = 1; ; attempt++) {
    const head = branchHead(repo, dest);
    const base = findMergeBase(repo, head, source);
    if (!base) throw new ApiError(500, 'no merge base');
    // lakeFS decides by meta-range ids: the initial commit's is empty, so a tree that became empty again
    // is still a change against it
    if (source.metaRangeId === base.metaRangeId && !input.allowEmpty && !input.force)
      throw badRequest(`update branch ${dest.id}: no changes`);
    const strategy = input.strategy ?? 'default';
    let snapshot: TreeSnapshot = source;
    let metaRangeId: string | undefined = source.metaRangeId;
    if (head.metaRangeId !== base.metaRangeId) {
      // changes on both sides: a real three-way merge (only source changes on the destination take the source)
      const merged = yield* mergeTreeSteps(base.tree, head, source.tree, strategy);
      if (!merged.ok) throw mergeConflict();
      snapshot = merged.changes === 0 ? head : merged.snapshot;
      metaRangeId = merged.changes === 0 ? head.metaRangeId : undefined;
    }
    const commit = yield* storeTreeThen(snapshot, () => {
      if (dest.commitId !== head.id) return undefined;
      if (repo.branches.get(dest.id) !== dest) throw notFound('branch not found');
      const made = makeCommit(repo, {
        parents: input.squash ? [head.id] : [head.id, source.id],
        committer: input.committer,
        message: input.message || `Merge '${input.sourceRef}' into '${dest.id}'`,
        metadata: { ...input.metadata, '.lakefs.merge.strategy': strategy },
        snapshot,
        metaRangeId,
      });
      dest.commitId = made.id;
      return made;
    });
    if (commit) return commit;
    if (attempt >= BRANCH_UPDATE_TRIES) throw tooManyTries();
  }
}

/**
 * Merges a ref into a branch as lakeFS does: three-way against the merge base, never fast-forward, parents
 * [destination, source]; a clean destination is required; a source whose meta range is the base's is 400
 * `no changes` unless `allowEmpty`/`force`; conflicts are 409 unless a strategy resolves them.
 * @returns the merge commit (the branch now points at it)
 */
export function mergeRefs(repo: RepositoryRecord, dest: BranchRecord, input: MergeInput): CommitRecord {
  return runNow(mergeSteps(repo, dest, input));
}

/**
 * {@link mergeRefs} in slices, so other requests are served while a large merge runs; it waits for a
 * commit, merge or import of the destination that is under way.
 * @param work - where `work` events are reported @default none
 * @returns the merge commit
 */
export function mergeRefsInSlices(
  repo: RepositoryRecord,
  dest: BranchRecord,
  input: MergeInput,
  work?: StoreWork,
): Promise<CommitRecord> {
  return withBranchLock(dest, () =>
    runInSlices(mergeSteps(repo, dest, input), workReporter(work, 'merge', repo, dest)),
  );
}
