import { ApiError, badRequest } from '../http/ApiError';
import { pageOf } from '../http/paginate';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import {
  objectBody,
  optional,
  queryAmount,
  queryBool,
  requiredQuery,
  requiredString,
} from '../http/validate';
import type { ServerDeps } from '../ServerDeps';
import { createBranch, deleteBranch, hardReset, resetChanges } from '../store/branchOps';
import { assertWritable, findBranch } from '../store/branchStore';
import { compareKeys } from '../store/compareKeys';
import { validPath } from '../store/names';
import type { BranchRecord } from '../store/types';
import { refJson } from './wireJson';

const RESET_TYPES = ['object', 'common_prefix', 'reset'] as const;
type ResetType = (typeof RESET_TYPES)[number];

/** Branch list/create/get/delete, reset of uncommitted changes and hard reset. */
export function registerBranchRoutes(router: Router, { state }: ServerDeps): void {
  router.on('GET', '/repositories/:repository/branches', (ctx) => {
    const amount = queryAmount(ctx.query);
    const showHidden = queryBool(ctx.query, 'show_hidden', false);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const branches = [...repo.branches.values()]
      .filter((b) => showHidden || !b.hidden)
      .sort((a, b) => compareKeys(a.id, b.id));
    const page = pageOf(branches, (b: BranchRecord) => b.id, {
      after: ctx.query.get('after') ?? undefined,
      prefix: ctx.query.get('prefix') ?? undefined,
      amount,
    });
    sendJson(ctx.res, 200, {
      pagination: page.pagination,
      results: page.results.map((b) => refJson(b.id, b.commitId)),
    });
  });

  router.on('POST', '/repositories/:repository/branches', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const name = requiredString(body, 'name');
    const source = requiredString(body, 'source');
    const force = optional(body, 'force', 'boolean') ?? false;
    const hidden = optional(body, 'hidden', 'boolean') ?? false;
    ctx.user(body);
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, force);
    if (name === '') throw new ApiError(500, 'branch id: required value: validation error');
    const branch = createBranch(repo, name, source, { hidden });
    ctx.res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8' });
    ctx.res.end(branch.commitId);
  });

  router.on('GET', '/repositories/:repository/branches/:branch', (ctx) => {
    ctx.user();
    const branch = findBranch(state.repository(ctx.params.repository), ctx.params.branch);
    sendJson(ctx.res, 200, refJson(branch.id, branch.commitId));
  });

  router.on('DELETE', '/repositories/:repository/branches/:branch', (ctx) => {
    const force = queryBool(ctx.query, 'force', false);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, force);
    deleteBranch(repo, ctx.params.branch);
    sendEmpty(ctx.res, 204);
  });

  router.on('PUT', '/repositories/:repository/branches/:branch', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const type = requiredString(body, 'type');
    if (!RESET_TYPES.includes(type as ResetType))
      throw badRequest(
        `request body has an error: doesn't match schema: property "type": value is not one of the allowed values`,
      );
    const rawPath = optional(body, 'path', 'string') ?? '';
    const force = optional(body, 'force', 'boolean') ?? false;
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    const path = type === 'object' ? validPath(rawPath) : rawPath;
    resetChanges(branch, type as ResetType, path);
    sendEmpty(ctx.res, 204);
  });

  router.on('PUT', '/repositories/:repository/branches/:branch/hard_reset', (ctx) => {
    const ref = requiredQuery(ctx.query, 'ref');
    const force = queryBool(ctx.query, 'force', false);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    hardReset(repo, branch, ref);
    sendEmpty(ctx.res, 204);
  });
}
