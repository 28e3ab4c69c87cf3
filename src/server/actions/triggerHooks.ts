import { ApiError } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { keepBody } from '../http/keptBody';
import { readBody } from '../http/respond';
import type { Router } from '../http/Router';
import type { ServerDeps } from '../ServerDeps';
import { viewOf } from '../store/objectView';
import { resolveRef } from '../store/resolveRef';
import type { RepositoryRecord } from '../store/types';
import { loadActions } from './loadActions';
import { hookAbortedMessage, runActions, type HookEvent } from './runActions';

/** The commit message of a kept JSON body, if it has one. */
async function messageOf(ctx: RequestContext): Promise<string | undefined> {
  const body = await readBody(ctx.req);
  keepBody(ctx.req, body);
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `_lakefs_actions/` webhooks around commits and merges: pre-hooks before the handler (a failure is
 * 412 with lakeFS's message and the operation does not happen), post-hooks once the answer went out
 * successfully (their failure is only recorded). Read-only repositories run no hooks.
 */
export function triggerHooks(router: Router, { state }: ServerDeps): void {
  const around = (method: 'POST', path: string, kind: 'commit' | 'merge'): void =>
    router.before(method, path, async (ctx) => {
      const repo = state.repositories.get(ctx.params.repository ?? '');
      const branchId = kind === 'commit' ? ctx.params.branch : ctx.params.destinationBranch;
      if (!repo || repo.readOnly || branchId === undefined || !repo.branches.has(branchId)) return;
      const committer = ctx.user();
      const message = await messageOf(ctx);
      const sourceRef = kind === 'commit' ? branchId : (ctx.params.sourceRef as string);
      let source;
      try {
        source = viewOf(resolveRef(repo, sourceRef));
      } catch {
        return; // the handler reports the bad ref
      }
      const event: HookEvent = {
        eventType: `pre-${kind}`,
        repositoryId: repo.id,
        branchId,
        sourceRef,
        commitMessage: message ?? '',
        committer,
      };
      const pre = await loadActions(state.blockstore, source, event.eventType, branchId);
      if (pre.length > 0) {
        const { run, failures } = await runActions(repo, pre, event);
        if (failures.length > 0) {
          // lakeFS reports a merge's hook failure through the branch update it aborted
          const prefix = kind === 'merge' ? `update branch ${branchId}: ` : '';
          throw new ApiError(412, prefix + hookAbortedMessage(event.eventType, run.runId, failures));
        }
      }
      ctx.res.once('finish', () => {
        if (ctx.res.statusCode >= 300) return;
        postHooks(repo, branchId, { ...event, eventType: `post-${kind}` }).catch(() => undefined);
      });
    });

  async function postHooks(repo: RepositoryRecord, branchId: string, event: HookEvent): Promise<void> {
    const branch = repo.branches.get(branchId);
    if (!branch) return;
    const commitId = branch.commitId;
    const post = await loadActions(
      state.blockstore,
      viewOf(resolveRef(repo, commitId)),
      event.eventType,
      branchId,
    );
    if (post.length > 0) await runActions(repo, post, { ...event, commitId });
  }

  around('POST', '/repositories/:repository/branches/:branch/commits', 'commit');
  around('POST', '/repositories/:repository/refs/:sourceRef/merge/:destinationBranch', 'merge');
}
