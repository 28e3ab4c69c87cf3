import { pageOf } from '../http/paginate';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, queryAmount, queryBool, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import { validTagId } from '../store/names';
import { notFound } from '../http/ApiError';
import type { ServerDeps } from '../ServerDeps';
import { assertWritable } from '../store/branchStore';
import { compareKeys } from '../store/compareKeys';
import { createTag, deleteTag, findTag } from '../store/tagStore';
import { refJson } from './wireJson';

/** Tag list/create/get/delete. */
export function registerTagRoutes(router: Router, { state }: ServerDeps): void {
  router.on('GET', '/repositories/:repository/tags', (ctx) => {
    const amount = queryAmount(ctx.query);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const tags = [...repo.tags.entries()].sort((a, b) => compareKeys(a[0], b[0]));
    const page = pageOf(tags, (t: [string, string]) => t[0], {
      after: ctx.query.get('after') ?? undefined,
      prefix: ctx.query.get('prefix') ?? undefined,
      amount,
    });
    sendJson(ctx.res, 200, {
      pagination: page.pagination,
      results: page.results.map(([id, c]) => refJson(id, c)),
    });
  });

  router.on('POST', '/repositories/:repository/tags', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'TagCreation');
    const id = requiredString(body, 'id');
    const ref = requiredString(body, 'ref');
    const force = optional(body, 'force', 'boolean') ?? false;
    ctx.user(body);
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, force);
    // lakeFS resolves the target without validating it: a malformed ref is not found
    validTagId(id);
    if (/\s/.test(ref)) throw notFound('not found');
    const commitId = createTag(repo, id, ref);
    sendJson(ctx.res, 201, refJson(id, commitId));
  });

  router.on('GET', '/repositories/:repository/tags/:tag', (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    sendJson(ctx.res, 200, refJson(ctx.params.tag as string, findTag(repo, ctx.params.tag)));
  });

  router.on('DELETE', '/repositories/:repository/tags/:tag', (ctx) => {
    const force = queryBool(ctx.query, 'force');
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertWritable(repo, force);
    deleteTag(repo, ctx.params.tag);
    sendEmpty(ctx.res, 204);
  });
}
