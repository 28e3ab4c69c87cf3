import { badRequest, conflict } from '../http/ApiError';
import { assertClean } from './branchOps';
import { branchHead, moveBranch } from './branchStore';
import { emptyTree } from './emptyTree';
import { makeCommit } from './makeCommit';
import { mergeTrees } from './mergeTrees';
import { getCommit, resolveCommit } from './resolveRef';
import type { BranchRecord, CommitRecord, RepositoryRecord, Tree } from './types';

/** Message/metadata replacements for the new commit. */
export interface CommitOverrides {
  readonly message?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

const parentTree = (repo: RepositoryRecord, commit: CommitRecord, index: number): Tree => {
  const id = commit.parents[index];
  return id === undefined ? emptyTree() : getCommit(repo, id).tree;
};

function applyOnto(
  repo: RepositoryRecord,
  branch: BranchRecord,
  base: Tree,
  source: Tree,
  allowEmpty: boolean,
  commit: { committer: string; message: string; metadata: Readonly<Record<string, string>> },
): CommitRecord {
  const head = branchHead(repo, branch);
  const merged = mergeTrees(base, head, source);
  if (!merged.ok) throw conflict('conflict found');
  if (merged.changes === 0 && !allowEmpty) throw badRequest('no changes');
  const created = makeCommit(repo, {
    parents: [head.id],
    ...commit,
    snapshot: merged.changes === 0 ? head : merged.snapshot,
    metaRangeId: merged.changes === 0 ? head.metaRangeId : undefined,
  });
  moveBranch(branch, created);
  return created;
}

/**
 * Reverts a commit on a clean branch: a three-way merge of the commit's parent into the branch with the
 * commit as base. A merge commit needs a 1-based `parentNumber` (409 otherwise, as lakeFS answers).
 * @returns the new head commit
 */
export function revertCommit(
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: {
    ref: string;
    parentNumber: number;
    committer: string;
    allowEmpty?: boolean;
    overrides?: CommitOverrides;
  },
): CommitRecord {
  const target = resolveCommit(repo, input.ref);
  const n = input.parentNumber;
  if (target.parents.length > 1 && n <= 0)
    throw conflict('must specify 1-based parent number for reverting merge commit');
  if (n > target.parents.length)
    throw badRequest(`given commit does not have the given parent number: parent ${n}`);
  assertClean(repo, branch);
  return applyOnto(
    repo,
    branch,
    target.tree,
    parentTree(repo, target, Math.max(0, n - 1)),
    !!input.allowEmpty,
    {
      committer: input.committer,
      message: input.overrides?.message ?? `Revert ${input.ref}`,
      metadata: input.overrides?.metadata ?? {},
    },
  );
}

/**
 * Applies a commit's changes (against its parent, or the given parent of a merge commit) onto a clean
 * branch; the new commit keeps the original message and metadata plus `cherry-pick-origin` and
 * `cherry-pick-committer`.
 * @returns the new head commit
 */
export function cherryPick(
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: { ref: string; parentNumber?: number; committer: string; overrides?: CommitOverrides },
): CommitRecord {
  const target = resolveCommit(repo, input.ref);
  const n = input.parentNumber;
  if (target.parents.length > 1 && n === undefined)
    throw badRequest('must specify 1-based parent number for cherry-picking merge commit');
  if (n !== undefined && (n <= 0 || n > target.parents.length))
    throw badRequest(`given commit does not have the given parent number: parent ${n}`);
  assertClean(repo, branch);
  return applyOnto(repo, branch, parentTree(repo, target, (n ?? 1) - 1), target.tree, false, {
    committer: input.committer,
    message: input.overrides?.message ?? target.message,
    metadata: {
      ...(input.overrides?.metadata ?? target.metadata),
      'cherry-pick-origin': target.id,
      'cherry-pick-committer': target.committer,
    },
  });
}
