import { ApiError, badRequest, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody } from '../http/validate';
import type { ServerDeps } from '../ServerDeps';
import { guardProtectedBranches } from '../settings/guardProtectedBranches';
import { type GcRules, protectionETag, settingsOf } from '../settings/repositorySettings';
import { assertWritable } from '../store/branchStore';

const invalid = (detail: string): ApiError =>
  badRequest(`request body has an error: doesn't match schema: ${detail}`);

function protectionRules(body: unknown): string[] {
  if (!Array.isArray(body)) throw invalid('value must be an array');
  return body.map((rule: unknown, i) => {
    const pattern = rule && typeof rule === 'object' ? (rule as { pattern?: unknown }).pattern : undefined;
    if (typeof pattern !== 'string') throw invalid(`Error at "/${i}/pattern": property "pattern" is missing`);
    if (pattern === '') throw invalid(`Error at "/${i}/pattern": minimum string length is 1`);
    return pattern;
  });
}

function gcRules(body: unknown): GcRules {
  const o = objectBody(body);
  const days = o.default_retention_days;
  if (typeof days !== 'number' || !Number.isInteger(days))
    throw invalid('Error at "/default_retention_days": property "default_retention_days" is missing');
  if (!Array.isArray(o.branches)) throw invalid('Error at "/branches": property "branches" is missing');
  const branches = o.branches.map((b: unknown, i) => {
    const r = (b && typeof b === 'object' ? b : {}) as { branch_id?: unknown; retention_days?: unknown };
    if (typeof r.branch_id !== 'string' || typeof r.retention_days !== 'number')
      throw invalid(`Error at "/branches/${i}": properties "branch_id" and "retention_days" are required`);
    return { branch_id: r.branch_id, retention_days: r.retention_days };
  });
  return { default_retention_days: days, branches };
}

/** Branch protection rules (with their ETag precondition) and GC rules of a repository. */
export function registerSettingsRoutes(router: Router, deps: ServerDeps): void {
  const { state } = deps;
  const protection = '/repositories/:repository/settings/branch_protection';
  router.on('GET', protection, (ctx) => {
    ctx.user();
    const patterns = settingsOf(state.repository(ctx.params.repository)).protection;
    ctx.res.setHeader('etag', protectionETag(patterns));
    sendJson(
      ctx.res,
      200,
      patterns.map((pattern) => ({ pattern })),
    );
  });

  router.on('PUT', protection, async (ctx) => {
    const patterns = protectionRules(await readJson(ctx.req));
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, false);
    const settings = settingsOf(repo);
    const ifMatch = ctx.req.headers['if-match'];
    if (ifMatch === '')
      throw badRequest(
        "Invalid format for parameter If-Match: parameter 'If-Match' is empty, can't bind its value",
      );
    if (ifMatch !== undefined && ifMatch.replace(/^"|"$/g, '') !== protectionETag(settings.protection))
      throw new ApiError(412, 'Precondition failed');
    settings.protection = patterns;
    sendEmpty(ctx.res, 204);
  });

  // the older, per-rule form (lakectl and lakeFS's system tests still use it) and the permission preflights
  const internal = '/repositories/:repository/branch_protection';
  router.on('GET', internal, (ctx) => {
    ctx.user();
    const patterns = settingsOf(state.repository(ctx.params.repository)).protection;
    sendJson(
      ctx.res,
      200,
      patterns.map((pattern) => ({ pattern })),
    );
  });
  const onePattern = async (ctx: RequestContext): Promise<string> => {
    const body = objectBody(await readJson(ctx.req));
    const [pattern] = protectionRules([body]);
    return pattern as string;
  };
  router.on('POST', internal, async (ctx) => {
    const pattern = await onePattern(ctx);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, false);
    const settings = settingsOf(repo);
    if (!settings.protection.includes(pattern)) settings.protection = [...settings.protection, pattern];
    sendEmpty(ctx.res, 204);
  });
  router.on('DELETE', internal, async (ctx) => {
    const pattern = await onePattern(ctx);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, false);
    const settings = settingsOf(repo);
    if (!settings.protection.includes(pattern)) return sendEmpty(ctx.res, 404);
    settings.protection = settings.protection.filter((p) => p !== pattern);
    sendEmpty(ctx.res, 204);
  });
  for (const preflight of [`${internal}/set_allowed`, '/repositories/:repository/gc/rules/set_allowed'])
    router.on('GET', preflight, (ctx) => {
      ctx.user(); // only the permission is checked, as lakeFS does
      sendEmpty(ctx.res, 204);
    });

  const gc = '/repositories/:repository/settings/gc_rules';
  router.on('GET', gc, (ctx) => {
    ctx.user();
    const rules = settingsOf(state.repository(ctx.params.repository)).gcRules;
    if (!rules) throw notFound('not found');
    sendJson(ctx.res, 200, rules);
  });

  router.on('PUT', gc, async (ctx) => {
    const rules = gcRules(await readJson(ctx.req));
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, false);
    settingsOf(repo).gcRules = rules;
    sendEmpty(ctx.res, 204);
  });

  router.on('DELETE', gc, (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, false);
    settingsOf(repo).gcRules = undefined;
    sendEmpty(ctx.res, 204);
  });

  guardProtectedBranches(router, deps);
}
