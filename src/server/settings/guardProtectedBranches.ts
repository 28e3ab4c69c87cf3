import type { RequestContext } from '../http/context';
import { forbidden } from '../http/ApiError';
import type { Router } from '../http/Router';
import type { ServerDeps } from '../ServerDeps';
import type { RepositoryRecord } from '../store/types';
import { matchesPattern } from './matchesPattern';
import { settingsOf } from './repositorySettings';

/** Whether a protection rule of `repo` matches `branch`. */
export function isProtectedBranch(repo: RepositoryRecord, branch: string): boolean {
  return settingsOf(repo).protection.some((p) => matchesPattern(p, branch));
}

/** What lakeFS answers (also per path of a batch delete), by the kind of write a protected branch refuses (LAKEFS-BEHAVIOR.md §12). */
export const PROTECTED_MESSAGES = {
  write: 'cannot write to protected branch',
  commit: 'cannot commit to protected branch',
  hardReset: 'protected branch',
} as const;

const branchRoute = (suffix: string): string => `/repositories/:repository/branches/:branch${suffix}`;

/** The writes a protection rule blocks; merges, reverts, cherry-picks, imports and deletion stay allowed. */
const GUARDED: readonly {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  kind: keyof typeof PROTECTED_MESSAGES;
}[] = [
  { method: 'POST', path: branchRoute('/objects'), kind: 'write' },
  { method: 'PUT', path: branchRoute('/objects'), kind: 'write' },
  { method: 'DELETE', path: branchRoute('/objects'), kind: 'write' },
  { method: 'POST', path: branchRoute('/objects/copy'), kind: 'write' },
  { method: 'PUT', path: branchRoute('/objects/stat/user_metadata'), kind: 'write' },
  { method: 'PUT', path: branchRoute('/staging/backing'), kind: 'write' },
  { method: 'PUT', path: branchRoute(''), kind: 'write' },
  { method: 'POST', path: branchRoute('/staging/pmpu'), kind: 'write' },
  { method: 'PUT', path: branchRoute('/staging/pmpu/:uploadId'), kind: 'write' },
  { method: 'POST', path: branchRoute('/commits'), kind: 'commit' },
  { method: 'PUT', path: branchRoute('/hard_reset'), kind: 'hardReset' },
];

/**
 * Refuses writes to a branch a protection rule matches, before the route's handler runs. A request for a
 * repository or branch that does not exist goes on to its handler, which answers 404 as before.
 */
export function guardProtectedBranches(router: Router, { state }: ServerDeps): void {
  for (const { method, path, kind } of GUARDED)
    router.before(method, path, (ctx: RequestContext) => {
      ctx.user();
      const repo = state.repositories.get(ctx.params.repository ?? '');
      const branch = ctx.params.branch;
      if (!repo || branch === undefined || !repo.branches.has(branch)) return;
      if (isProtectedBranch(repo, branch)) throw forbidden(PROTECTED_MESSAGES[kind]);
    });
}
