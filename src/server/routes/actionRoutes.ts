import { triggerHooks } from '../actions/triggerHooks';
import { type ActionRunRecord, type HookRunRecord, actionRunsOf } from '../actions/actionRuns';
import { notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { pageOf } from '../http/paginate';
import { sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { queryAmount } from '../http/validate';
import type { ServerDeps } from '../ServerDeps';

const runJson = (r: ActionRunRecord) => ({
  branch: r.branch,
  commit_id: r.commitId,
  ...(r.endTime ? { end_time: r.endTime } : {}),
  event_type: r.eventType,
  run_id: r.runId,
  start_time: r.startTime,
  status: r.status,
});
const hookJson = (h: HookRunRecord) => ({
  action: h.action,
  ...(h.endTime ? { end_time: h.endTime } : {}),
  hook_id: h.hookId,
  hook_run_id: h.hookRunId,
  start_time: h.startTime,
  status: h.status,
});

/** Action runs, their hook runs and each hook's output; and the hooks around commits and merges. */
export function registerActionRoutes(router: Router, deps: ServerDeps): void {
  const { state } = deps;
  const findRun = (ctx: RequestContext): ActionRunRecord => {
    const run = actionRunsOf(state.repository(ctx.params.repository)).get(ctx.params.run_id ?? '');
    if (!run) throw notFound('not found: not found');
    return run;
  };
  const page = <T>(ctx: RequestContext, items: T[], key: (t: T) => string) =>
    pageOf(items, key, { after: ctx.query.get('after') ?? undefined, amount: queryAmount(ctx.query) });

  router.on('GET', '/repositories/:repository/actions/runs', (ctx) => {
    queryAmount(ctx.query);
    ctx.user();
    const branch = ctx.query.get('branch');
    const commit = ctx.query.get('commit');
    const runs = [...actionRunsOf(state.repository(ctx.params.repository)).values()]
      .filter((r) => (!branch || r.branch === branch) && (!commit || r.commitId === commit))
      .sort((a, b) => (a.runId < b.runId ? -1 : 1));
    const p = page(ctx, runs, (r) => r.runId);
    sendJson(ctx.res, 200, { pagination: p.pagination, results: p.results.map(runJson) });
  });

  router.on('GET', '/repositories/:repository/actions/runs/:run_id', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, runJson(findRun(ctx)));
  });

  router.on('GET', '/repositories/:repository/actions/runs/:run_id/hooks', (ctx) => {
    queryAmount(ctx.query);
    ctx.user();
    const p = page(ctx, [...findRun(ctx).hooks], (h) => h.hookRunId);
    sendJson(ctx.res, 200, { pagination: p.pagination, results: p.results.map(hookJson) });
  });

  router.on('GET', '/repositories/:repository/actions/runs/:run_id/hooks/:hook_run_id/output', (ctx) => {
    ctx.user();
    const hook = findRun(ctx).hooks.find((h) => h.hookRunId === ctx.params.hook_run_id);
    if (!hook) throw notFound('not found: not found');
    ctx.res.writeHead(200, { 'content-type': 'application/octet-stream' });
    ctx.res.end(hook.output);
  });

  triggerHooks(router, deps);
}
