import { forbidden, notFound } from '../http/ApiError';
import { validBranchId } from './names';
import { getCommit } from './resolveRef';
import type { BranchRecord, CommitRecord, RepositoryRecord } from './types';

/**
 * Finds a branch; 400 for a malformed id, 404 `branch not found` when missing.
 * @param repo - the repository
 * @param id - the branch id
 * @returns the branch record (mutable: commit pointer and staging)
 */
export function findBranch(repo: RepositoryRecord, id: string | undefined): BranchRecord {
  const branch = repo.branches.get(validBranchId(id));
  if (!branch) throw notFound('branch not found');
  return branch;
}

/**
 * The head commit of a branch.
 * @returns the commit the branch points at
 */
export const branchHead = (repo: RepositoryRecord, branch: BranchRecord): CommitRecord =>
  getCommit(repo, branch.commitId);

/**
 * Moves a branch to a commit and clears its staging area.
 * @param branch - the branch to move
 * @param commit - its new head
 */
export function moveBranch(branch: BranchRecord, commit: CommitRecord): void {
  branch.commitId = commit.id;
  branch.staging.clear();
}

/**
 * 403 `read-only repository` for a mutating call on a read-only repository, unless `force`.
 * @param repo - the repository
 * @param force - the request's `force` flag
 */
export function assertWritable(repo: RepositoryRecord, force: boolean): void {
  if (repo.readOnly && !force) throw forbidden('read-only repository');
}
