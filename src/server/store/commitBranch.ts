import { badRequest } from '../http/ApiError';
import { branchHead, moveBranch } from './branchStore';
import { makeCommit } from './makeCommit';
import { TreeBuilder } from './TreeBuilder';
import type { BranchRecord, CommitRecord, RepositoryRecord } from './types';

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

/**
 * Commits a branch's staging area: the new tree is the head tree with staged entries set and tombstones
 * removed. Nothing effective (identical re-uploads count as nothing) is 400 `commit: no changes` unless
 * `allowEmpty`, in which case the parent's meta range is reused.
 * @returns the new head commit
 */
export function commitBranch(repo: RepositoryRecord, branch: BranchRecord, input: CommitInput): CommitRecord {
  const head = branchHead(repo, branch);
  const builder = new TreeBuilder(head);
  builder.applyStaging(branch.staging);
  if (builder.changes === 0 && !input.allowEmpty) throw badRequest('commit: no changes');
  const commit = makeCommit(repo, {
    parents: [head.id],
    committer: input.committer,
    message: input.message,
    metadata: input.metadata ?? {},
    snapshot: builder.changes === 0 ? head : builder.finish(),
    date: input.date,
    metaRangeId: builder.changes === 0 ? head.metaRangeId : undefined,
  });
  moveBranch(branch, commit);
  return commit;
}
