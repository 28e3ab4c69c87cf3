import { badRequest, conflict } from '../http/ApiError';
import { assertClean } from './branchOps';
import { branchHead, moveBranch } from './branchStore';
import { emptySnapshot } from './emptyTree';
import { makeCommit, metaRangeIdOf } from './makeCommit';
import { mergeTrees } from './mergeTrees';
import { getCommit, resolveCommit } from './resolveRef';
import type { BranchRecord, CommitRecord, RepositoryRecord, TreeSnapshot } from './types';

/** Message/metadata replacements for the new commit. */
export interface CommitOverrides {
  readonly message?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A parent's snapshot and meta range; a root commit's parent is the empty tree with lakeFS's empty id. */
const parentOf = (repo: RepositoryRecord, commit: CommitRecord, index: number): Side => {
  const id = commit.parents[index];
  if (id === undefined) return { snapshot: emptySnapshot(), metaRangeId: '' };
  const parent = getCommit(repo, id);
  return { snapshot: parent, metaRangeId: parent.metaRangeId };
};

interface Side {
  readonly snapshot: TreeSnapshot;
  readonly metaRangeId: string;
}

const noChanges = () => badRequest('update branch: no changes');

/**
 * lakeFS's committed merge of `source` onto the branch head with `base` as merge base, decided by meta-range
 * ids: a source equal to the base brings nothing (400 unless `allowEmpty`); a head equal to the base takes
 * the source as is; otherwise a three-way merge (409 on conflict).
 */
function applyOnto(
  repo: RepositoryRecord,
  branch: BranchRecord,
  base: Side,
  source: Side,
  options: { allowEmpty: boolean; emptyResultIsChange: boolean },
  commit: { committer: string; message: string; metadata: Readonly<Record<string, string>> },
): CommitRecord {
  const head = branchHead(repo, branch);
  if (source.metaRangeId === base.metaRangeId && !options.allowEmpty) throw noChanges();
  let result: Side = source;
  if (head.metaRangeId !== base.metaRangeId) {
    const merged = mergeTrees(base.snapshot.tree, head, source.snapshot.tree);
    if (!merged.ok) throw conflict('conflict found');
    result =
      merged.changes === 0
        ? { snapshot: head, metaRangeId: head.metaRangeId }
        : { snapshot: merged.snapshot, metaRangeId: metaRangeIdOf(merged.snapshot.contentDigest) };
  }
  if (result.metaRangeId === head.metaRangeId && !options.emptyResultIsChange && !options.allowEmpty)
    throw noChanges();
  const created = makeCommit(repo, {
    parents: [head.id],
    ...commit,
    snapshot: result.snapshot,
    metaRangeId: result.metaRangeId,
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
    { snapshot: target, metaRangeId: target.metaRangeId },
    parentOf(repo, target, Math.max(0, n - 1)),
    { allowEmpty: !!input.allowEmpty, emptyResultIsChange: false },
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
  // a change already on the branch still makes a (content-free) commit; only an empty picked commit is 400
  const picked = { snapshot: target, metaRangeId: target.metaRangeId };
  const options = { allowEmpty: false, emptyResultIsChange: true };
  return applyOnto(repo, branch, parentOf(repo, target, (n ?? 1) - 1), picked, options, {
    committer: input.committer,
    message: input.overrides?.message ?? target.message,
    metadata: {
      ...(input.overrides?.metadata ?? target.metadata),
      'cherry-pick-origin': target.id,
      'cherry-pick-committer': target.committer,
    },
  });
}
