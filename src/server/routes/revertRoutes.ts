import { badRequest } from '../http/ApiError';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, optional, optionalStringMap, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import type { ServerDeps } from '../ServerDeps';
import { checkArguments } from './checkArguments';
import { notFoundAs } from './notFoundAs';
import { assertWritable, findBranch } from '../store/branchStore';
import { cherryPick, type CommitOverrides, revertCommit } from '../store/revertAndCherryPick';
import { commitJson } from './wireJson';
import { resolveCommit } from '../store/resolveRef';

function overridesOf(body: Record<string, unknown>): CommitOverrides | undefined {
  const raw = body.commit_overrides;
  if (raw === undefined || raw === null) return undefined;
  const o = objectBody(raw);
  return { message: optional(o, 'message', 'string'), metadata: optionalStringMap(o, 'metadata') };
}

function parentNumber(body: Record<string, unknown>, required: boolean): number | undefined {
  const n = optional(body, 'parent_number', 'number');
  if (n === undefined && required)
    throw badRequest('request body has an error: doesn\'t match schema: property "parent_number" is missing');
  if (n !== undefined && !Number.isInteger(n))
    throw badRequest('request body has an error: property "parent_number": value must be an integer');
  return n;
}

/** Revert and cherry-pick onto a branch. */
export function registerRevertRoutes(router: Router, { state }: ServerDeps): void {
  router.on('POST', '/repositories/:repository/branches/:branch/revert', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'RevertCreation');
    const ref = requiredString(body, 'ref');
    const n = parentNumber(body, true) as number;
    const overrides = overridesOf(body);
    const force = optional(body, 'force', 'boolean') ?? false;
    const allowEmpty = optional(body, 'allow_empty', 'boolean') ?? false;
    const user = ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
      ['ref', 'ref', ref],
    );
    if (n < 0) throw badRequest('parent number: invalid value: validation error');
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    notFoundAs(`get commit from ref ${ref}: not found`, () => resolveCommit(repo, ref));
    revertCommit(repo, branch, { ref, parentNumber: n, committer: user, allowEmpty, overrides });
    sendEmpty(ctx.res, 204);
  });

  router.on('POST', '/repositories/:repository/branches/:branch/cherry-pick', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'CherryPickCreation');
    const ref = requiredString(body, 'ref');
    const n = parentNumber(body, false);
    const overrides = overridesOf(body);
    const force = optional(body, 'force', 'boolean') ?? false;
    const user = ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
      ['ref', 'ref', ref],
    );
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    notFoundAs(`get commit from ref ${ref}: not found`, () => resolveCommit(repo, ref));
    const commit = cherryPick(repo, branch, { ref, parentNumber: n, committer: user, overrides });
    sendJson(ctx.res, 201, commitJson(commit));
  });
}
