import { ApiError, badRequest } from '../http/ApiError';
import { pageOf } from '../http/paginate';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, queryAmount, queryBool, requiredQuery, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import type { ServerDeps } from '../ServerDeps';
import { checkArguments } from './checkArguments';
import { createBranch, deleteBranch, hardReset, resetChanges } from '../store/branchOps';
import { assertWritable, findBranch } from '../store/branchStore';
import { compareKeys } from '../store/compareKeys';
import { validPath } from '../store/names';
import type { BranchRecord } from '../store/types';
import { refJson } from './wireJson';

// the ResetCreation enum (the request schema refuses anything else)
type ResetType = 'object' | 'common_prefix' | 'reset';

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
    const body = requestBody(await readJson(ctx.req), 'BranchCreation');
    const name = requiredString(body, 'name');
    const source = requiredString(body, 'source');
    const force = optional(body, 'force', 'boolean') ?? false;
    const hidden = optional(body, 'hidden', 'boolean') ?? false;
    ctx.user(body);
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, force);
    // lakeFS's catalog answers an empty argument with 500 (its "required value" error is not mapped to 400)
    if (name === '') throw new ApiError(500, 'argument branch: required value: validation error');
    if (source === '') throw new ApiError(500, 'argument ref: required value: validation error');
    checkArguments(['ref', 'ref', source]);
    const branch = createBranch(repo, name, source, { hidden });
    ctx.res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8' });
    ctx.res.end(branch.commitId);
  });

  router.on('GET', '/repositories/:repository/branches/:branch', (ctx) => {
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const branch = findBranch(state.repository(ctx.params.repository), ctx.params.branch);
    sendJson(ctx.res, 200, refJson(branch.id, branch.commitId));
  });

  router.on('DELETE', '/repositories/:repository/branches/:branch', (ctx) => {
    const force = queryBool(ctx.query, 'force', false);
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['name', 'branch', ctx.params.branch],
    );
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, force);
    deleteBranch(repo, ctx.params.branch);
    sendEmpty(ctx.res, 204);
  });

  router.on('PUT', '/repositories/:repository/branches/:branch', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'ResetCreation');
    const type = requiredString(body, 'type');
    const rawPath = optional(body, 'path', 'string') ?? '';
    const force = optional(body, 'force', 'boolean') ?? false;
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    if (type === 'object' && rawPath === '')
      throw badRequest('argument path: missing path: required value: validation error');
    const path = type === 'object' ? validPath(rawPath) : rawPath;
    resetChanges(branch, type as ResetType, path);
    sendEmpty(ctx.res, 204);
  });

  router.on('PUT', '/repositories/:repository/branches/:branch/hard_reset', (ctx) => {
    const ref = requiredQuery(ctx.query, 'ref');
    const force = queryBool(ctx.query, 'force', false);
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
      ['ref', 'ref', ctx.query.get('ref') ?? undefined],
    );
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    hardReset(repo, branch, ref);
    sendEmpty(ctx.res, 204);
  });
}
