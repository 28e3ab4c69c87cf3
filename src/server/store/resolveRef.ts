import { badRequest, notFound } from '../http/ApiError';
import { validRef } from './names';
import type { BranchRecord, CommitRecord, RepositoryRecord } from './types';

/** A ref expression resolved against a repository. */
export interface ResolvedRef {
  /** The commit the expression names (a branch's head commit for branch refs). */
  readonly commit: CommitRecord;
  /** For a bare branch name or `branch$`: the branch whose staging area reads include. */
  readonly branch?: BranchRecord;
  /** True for an explicit `branch$`, which commit-needing operations reject. */
  readonly dollar: boolean;
}

const FULL_ID = /^[0-9a-f]{64}$/;
const HEX = /^[0-9a-f]{1,64}$/;
const MODIFIER = /([~^])(\d*)|([@$])/y;

/**
 * The commit `id` or 404 `commit not found`.
 * @returns the commit
 */
export function getCommit(repo: RepositoryRecord, id: string): CommitRecord {
  const commit = repo.commits.get(id);
  if (!commit) throw notFound('commit not found');
  return commit;
}

function resolveBase(
  repo: RepositoryRecord,
  base: string,
): { commit: CommitRecord; branch?: BranchRecord } | undefined {
  if (FULL_ID.test(base)) {
    const commit = repo.commits.get(base);
    if (commit) return { commit };
  }
  const branch = repo.branches.get(base);
  if (branch) return { commit: getCommit(repo, branch.commitId), branch };
  const tagged = repo.tags.get(base);
  if (tagged !== undefined) return { commit: getCommit(repo, tagged) };
  if (HEX.test(base)) {
    let found: CommitRecord | undefined;
    for (const [id, commit] of repo.commits) {
      if (!id.startsWith(base)) continue;
      if (found) return undefined; // ambiguous prefix: lakeFS answers not found
      found = commit;
    }
    if (found) return { commit: found };
  }
  return undefined;
}

/**
 * Resolves a ref expression as lakeFS does (§5.7): base = full commit id → branch → tag → unique hex
 * prefix, then `~N` (first-parent ancestor), `^N` (N-th parent), or a sole `@` (committed head) / `$`
 * (head with staging) on a branch.
 * @param repo - the repository
 * @param expr - the expression, e.g. `main~2^2`, `main@`, `v1`, `a1b2c3`
 * @returns the commit, and the branch when reads should include its staging area
 */
export function resolveRef(repo: RepositoryRecord, expr: string | undefined): ResolvedRef {
  const ref = validRef(expr);
  const cut = ref.search(/[~^@$]/);
  const base = cut < 0 ? ref : ref.slice(0, cut);
  if (!base) throw badRequest('ref: invalid value: validation error');
  const found = resolveBase(repo, base);
  if (!found) throw notFound('not found');
  if (cut < 0) return { commit: found.commit, branch: found.branch, dollar: false };
  const modifiers = ref.slice(cut);
  if (modifiers === '@' || modifiers === '$') {
    if (!found.branch) throw badRequest('ref: invalid value: validation error');
    return modifiers === '$'
      ? { commit: found.commit, branch: found.branch, dollar: true }
      : { commit: found.commit, dollar: false };
  }
  let commit = found.commit;
  MODIFIER.lastIndex = 0;
  while (MODIFIER.lastIndex < modifiers.length) {
    const m = MODIFIER.exec(modifiers);
    if (!m || m[3]) throw badRequest('ref: invalid value: validation error');
    const n = m[2] ? Number(m[2]) : 1;
    if (m[1] === '~') {
      for (let i = 0; i < n; i++) {
        const parent = commit.parents[0];
        if (parent === undefined) throw notFound('commit not found');
        commit = getCommit(repo, parent);
      }
    } else if (n > 0) {
      const parent = commit.parents[n - 1];
      if (parent === undefined)
        throw badRequest(`given commit does not have the given parent number: parent ${n}`);
      commit = getCommit(repo, parent);
    }
  }
  return { commit, dollar: false };
}

/**
 * Resolves an expression that must name a commit: a branch means its head, `x$` is 400.
 * @returns the commit
 */
export function resolveCommit(repo: RepositoryRecord, expr: string | undefined): CommitRecord {
  const resolved = resolveRef(repo, expr);
  if (resolved.dollar) throw badRequest('reference to staging area with $ is not a commit');
  return resolved.commit;
}
