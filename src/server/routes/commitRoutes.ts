import { ApiError, badRequest } from '../http/ApiError';
import { readJson, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import {
  optional,
  optionalStringMap,
  queryAmount,
  queryBool,
  queryDateTime,
  requiredString,
} from '../http/validate';
import { requestBody } from '../http/validateBody';
import type { ServerDeps } from '../ServerDeps';
import { checkArguments } from './checkArguments';
import { notFoundAs } from './notFoundAs';
import { assertWritable, findBranch } from '../store/branchStore';
import { commitBranchInSlices } from '../store/commitBranch';
import { commitMetaRange } from '../metadata/commitMetaRange';
import { logCommits } from '../store/logCommits';
import { resolveCommit, resolveRef } from '../store/resolveRef';
import type { RepositoryRecord } from '../store/types';
import { commitJson, paginationJson } from './wireJson';

/** A ref as a commit id when it resolves, the raw string otherwise (log `after` / `stop_at`). */
function commitIdOrRaw(repo: RepositoryRecord, ref: string): string {
  try {
    return resolveCommit(repo, ref).id;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return ref;
    throw error;
  }
}

/** Commit a branch, get a commit by any ref, and the commit log with its filters. */
export function registerCommitRoutes(router: Router, { state }: ServerDeps): void {
  router.on('POST', '/repositories/:repository/branches/:branch/commits', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'CommitCreation');
    const message = requiredString(body, 'message');
    const metadata = optionalStringMap(body, 'metadata');
    const date = optional(body, 'date', 'number');
    if (date !== undefined && !Number.isInteger(date))
      throw badRequest(
        'request body has an error: doesn\'t match schema: property "date": value must be an integer',
      );
    // beyond int64 the Go binding cannot decode the body (and every int64 client would choke on the log)
    if (date !== undefined && (date >= 2 ** 63 || date < -(2 ** 63)))
      throw new ApiError(400, 'bad commit date', "Error unmarshalling body 'Commit' as JSON\n");
    const allowEmpty = optional(body, 'allow_empty', 'boolean') ?? false;
    const force = optional(body, 'force', 'boolean') ?? false;
    const user = ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    const sourceMetaRange = ctx.query.get('source_metarange');
    const commit = sourceMetaRange
      ? await commitMetaRange(state.blockstore, repo, branch, {
          metaRangeId: sourceMetaRange,
          message,
          committer: user,
          metadata,
          date,
        })
      : await commitBranchInSlices(
          repo,
          branch,
          { message, committer: user, metadata, date, allowEmpty },
          state.events,
        );
    sendJson(ctx.res, 201, commitJson(commit));
  });

  router.on('GET', '/repositories/:repository/commits/:commitId', (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    try {
      sendJson(ctx.res, 200, commitJson(resolveCommit(repo, ctx.params.commitId)));
    } catch (error) {
      // a malformed id is simply not found there (lakeFS looks it up without validating it)
      if (error instanceof ApiError && (error.status === 404 || error.status === 400))
        throw new ApiError(404, 'commit not found');
      // lakeFS maps every other failure of this handler to 500
      throw new ApiError(500, error instanceof Error ? error.message : String(error));
    }
  });

  router.on('GET', '/repositories/:repository/refs/:ref/commits', (ctx) => {
    const amount = queryAmount(ctx.query);
    for (const key of ['objects', 'prefixes'])
      if (ctx.query.getAll(key).includes(''))
        throw badRequest(`parameter "${key}" in query has an error: empty value is not allowed`);
    const limit = queryBool(ctx.query, 'limit');
    const firstParent = queryBool(ctx.query, 'first_parent');
    const since = queryDateTime(ctx.query, 'since');
    ctx.user();
    checkArguments(['repository', 'repository', ctx.params.repository], ['ref', 'ref', ctx.params.ref]);
    const repo = state.repository(ctx.params.repository);
    const head = notFoundAs('ref: not found', () => resolveRef(repo, ctx.params.ref));
    if (head.dollar) throw badRequest('reference to staging area with $ is not a commit');
    const after = ctx.query.get('after');
    const stopAt = ctx.query.get('stop_at');
    const { commits, hasMore } = logCommits(repo, head.commit, {
      amount,
      after: after ? commitIdOrRaw(repo, after) : undefined,
      objects: ctx.query.getAll('objects'),
      prefixes: ctx.query.getAll('prefixes'),
      limit,
      firstParent,
      since: since !== undefined ? since / 1000 : undefined,
      stopAt: stopAt ? commitIdOrRaw(repo, stopAt) : undefined,
    });
    sendJson(ctx.res, 200, {
      pagination: paginationJson(commits.length, hasMore, commits[commits.length - 1]?.id),
      results: commits.map(commitJson),
    });
  });
}
