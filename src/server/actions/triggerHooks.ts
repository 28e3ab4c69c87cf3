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

/** The JSON body, kept for the handler to read again ({} when it is not a JSON object). */
async function keptJson(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readBody(ctx.req);
  keepBody(ctx.req, body);
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

type Kind = 'commit' | 'merge' | 'create-branch';

/** What a hooked request names: the branch the event is about, the ref the actions come from, a message. */
async function subjectOf(
  ctx: RequestContext,
  kind: Kind,
): Promise<{ branchId?: string; sourceRef?: string; message: string; body: Record<string, unknown> }> {
  const body = await keptJson(ctx);
  if (kind === 'commit')
    return {
      branchId: ctx.params.branch,
      sourceRef: ctx.params.branch,
      message: text(body.message) ?? '',
      body,
    };
  if (kind === 'merge')
    return {
      branchId: ctx.params.destinationBranch,
      sourceRef: ctx.params.sourceRef,
      message: text(body.message) ?? '',
      body,
    };
  return { branchId: text(body.name), sourceRef: text(body.source), message: '', body };
}

/**
 * Runs `_lakefs_actions/` webhooks around commits, merges and branch creation: pre-hooks before the handler (a failure is
 * 412 with lakeFS's message and the operation does not happen), post-hooks once the answer went out
 * successfully (their failure is only recorded). Read-only repositories run no hooks.
 */
export function triggerHooks(router: Router, { state }: ServerDeps): void {
  const around = (method: 'POST', path: string, kind: Kind): void =>
    router.before(method, path, async (ctx) => {
      const repo = state.repositories.get(ctx.params.repository ?? '');
      if (!repo || repo.readOnly) return;
      const { branchId, sourceRef, message, body } = await subjectOf(ctx, kind);
      if (branchId === undefined || sourceRef === undefined) return; // the handler reports the bad request
      // a new branch must not exist yet; a commit's or merge's branch must
      if (repo.branches.has(branchId) !== (kind !== 'create-branch')) return;
      // permissions first (with the body: a new branch is named there), hooks only for a permitted caller
      const committer = ctx.user(body);
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
        commitMessage: message,
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
  around('POST', '/repositories/:repository/branches', 'create-branch');
}
