import { ApiError, badRequest } from '../http/ApiError';
import { assertClean } from './branchOps';
import { branchHead, moveBranch } from './branchStore';
import { findMergeBase } from './findMergeBase';
import { makeCommit } from './makeCommit';
import { type MergeStrategy, mergeTrees } from './mergeTrees';
import { resolveCommit } from './resolveRef';
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
 * Merges a ref into a branch as lakeFS does: three-way against the merge base, never fast-forward, parents
 * [destination, source]; a clean destination is required; a source whose meta range is the base's is 400
 * `no changes` unless `allowEmpty`/`force`; conflicts are 409 unless a strategy resolves them.
 * @returns the merge commit (the branch now points at it)
 */
export function mergeRefs(repo: RepositoryRecord, dest: BranchRecord, input: MergeInput): CommitRecord {
  const source = resolveCommit(repo, input.sourceRef);
  assertClean(repo, dest);
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
    const merged = mergeTrees(base.tree, head, source.tree, strategy);
    if (!merged.ok) throw mergeConflict();
    snapshot = merged.changes === 0 ? head : merged.snapshot;
    metaRangeId = merged.changes === 0 ? head.metaRangeId : undefined;
  }
  const commit = makeCommit(repo, {
    parents: input.squash ? [head.id] : [head.id, source.id],
    committer: input.committer,
    message: input.message || `Merge '${input.sourceRef}' into '${dest.id}'`,
    metadata: { ...input.metadata, '.lakefs.merge.strategy': strategy },
    snapshot,
    metaRangeId,
  });
  moveBranch(dest, commit);
  return commit;
}
