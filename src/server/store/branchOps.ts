import { ApiError, badRequest, conflict, forbidden, notFound } from '../http/ApiError';
import { branchHead, findBranch } from './branchStore';
import { emptyStaging } from './emptyTree';
import { validBranchId } from './names';
import { resolveCommit, resolveRef } from './resolveRef';
import { isClean } from './uncommittedChanges';
import type { BranchRecord, RepositoryRecord } from './types';

/**
 * Creates a branch at the commit `source` names (staging is not copied). 404 when the source does not
 * resolve (checked first), 409 when the name is taken by a branch, a tag or a full commit id; `source` with `$` is 500 as in lakeFS.
 * @returns the new branch
 */
export function createBranch(
  repo: RepositoryRecord,
  name: string,
  source: string,
  options: { hidden?: boolean } = {},
): BranchRecord {
  const id = validBranchId(name);
  // lakeFS resolves the source first: a missing source is 404 even when the name is taken
  let resolved: ReturnType<typeof resolveRef>;
  try {
    resolved = resolveRef(repo, source);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      throw notFound(`source reference '${source}': not found`);
    throw error;
  }
  if (repo.branches.has(id)) throw conflict('branch already exists: not unique');
  if (repo.tags.has(id)) throw conflict(`tag ID ${id}: conflict found`);
  if (repo.commits.has(id)) throw conflict(`commit ID ${id}: conflict found`);
  if (resolved.dollar) throw new ApiError(500, "can't create a branch without commit");
  const branch: BranchRecord = {
    id,
    commitId: resolved.commit.id,
    staging: emptyStaging(),
    hidden: options.hidden ?? false,
  };
  repo.branches.set(id, branch);
  return branch;
}

/**
 * Deletes a branch and its uncommitted changes; the default branch is 403.
 * @param repo - the repository
 * @param id - the branch id
 */
export function deleteBranch(repo: RepositoryRecord, id: string | undefined): void {
  const branch = findBranch(repo, id);
  if (branch.id === repo.defaultBranch) throw forbidden('cannot delete repository default branch');
  repo.branches.delete(branch.id);
}

/**
 * 400 `uncommitted changes (dirty branch)` when the branch has effective uncommitted changes.
 * @param repo - the repository
 * @param branch - the branch that must be clean
 */
export function assertClean(repo: RepositoryRecord, branch: BranchRecord): void {
  if (!isClean(branchHead(repo, branch).tree, branch.staging))
    throw badRequest('uncommitted changes (dirty branch)');
}

/**
 * Points a branch at any commit; its staged changes stay staged (lakeFS's hard reset moves the pointer
 * only, it does not answer "dirty branch").
 * @returns nothing; 404 `hard-reset <branch> to <ref>: not found` for an unknown ref
 */
export function hardReset(repo: RepositoryRecord, branch: BranchRecord, ref: string): void {
  let commit: ReturnType<typeof resolveCommit>;
  try {
    commit = resolveCommit(repo, ref);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      throw notFound(`hard-reset ${branch.id} to ${ref}: not found`);
    throw error;
  }
  branch.commitId = commit.id;
}

/**
 * Drops uncommitted changes: all (`reset`), one path (`object`) or every path under a prefix
 * (`common_prefix`); a dropped path reverts to its committed state.
 */
export function resetChanges(
  branch: BranchRecord,
  type: 'reset' | 'object' | 'common_prefix',
  path: string,
): void {
  if (type === 'reset') {
    branch.staging.clear();
    return;
  }
  if (type === 'object') {
    branch.staging.delete(path);
    return;
  }
  const keys: string[] = [];
  for (const [k] of branch.staging.entries(path)) {
    if (!k.startsWith(path)) break;
    keys.push(k);
  }
  for (const k of keys) branch.staging.delete(k);
}
