import { badRequest } from '../http/ApiError';
import type { Blockstore } from '../blockstore/Blockstore';
import { withBranchLock } from '../store/branchLock';
import { branchHead, moveBranch } from '../store/branchStore';
import { makeCommit } from '../store/makeCommit';
import type { BranchRecord, CommitRecord, RepositoryRecord } from '../store/types';
import { metaRangeSnapshot } from './loadMetaRange';

/** A commit whose content is a given meta-range. */
export interface MetaRangeCommitInput {
  readonly metaRangeId: string;
  readonly message: string;
  readonly committer: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Unix seconds overriding the creation date. @default now */
  readonly date?: number;
}

/**
 * lakeFS's commit with `source_metarange`: the branch's next commit holds exactly that meta-range's
 * content, whatever its head held (so no "no changes" check). The branch must have nothing staged (400
 * `cannot use source MetaRange on a branch with uncommitted changes`). lakeFS takes the id on trust;
 * this server needs the tree, so an id it finds neither among the repository's commits nor as a file in
 * the namespace is 410 `No data` — what lakeFS answers on the first read of such a commit.
 * @returns the new head commit
 */
export async function commitMetaRange(
  blockstore: Blockstore,
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: MetaRangeCommitInput,
): Promise<CommitRecord> {
  // after any commit, merge or import of the branch still running: they move its head in slices
  return withBranchLock(branch, () => commitSnapshot(blockstore, repo, branch, input));
}

async function commitSnapshot(
  blockstore: Blockstore,
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: MetaRangeCommitInput,
): Promise<CommitRecord> {
  const dirty = (): boolean => !branch.staging.entries().next().done;
  if (dirty()) throw badRequest('cannot use source MetaRange on a branch with uncommitted changes');
  const snapshot = await metaRangeSnapshot(blockstore, repo, input.metaRangeId);
  // the files were read asynchronously: the branch may have moved or been written to meanwhile
  if (dirty()) throw badRequest('cannot use source MetaRange on a branch with uncommitted changes');
  const head = branchHead(repo, branch);
  const commit = makeCommit(repo, {
    parents: [head.id],
    committer: input.committer,
    message: input.message,
    metadata: input.metadata ?? {},
    snapshot,
    date: input.date,
    metaRangeId: input.metaRangeId,
  });
  moveBranch(branch, commit);
  return commit;
}
