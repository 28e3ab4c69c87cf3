import { ApiError, badRequest, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { pageOf } from '../http/paginate';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, queryAmount, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import {
  isPullRequestId,
  newPullRequestId,
  pullRequestsOf,
  type PullRequestRecord,
} from '../pulls/pullRequests';
import type { ServerDeps } from '../ServerDeps';
import { assertWritable, findBranch } from '../store/branchStore';
import { mergeRefsInSlices } from '../store/mergeRefs';
import type { RepositoryRecord } from '../store/types';

const STATUSES = ['open', 'closed', 'merged'];
const FILTERS = ['open', 'closed', 'all'];

function pullJson(pr: PullRequestRecord, withDescription: boolean): Record<string, unknown> {
  return {
    // lakeFS leaves the description out of listings
    ...(withDescription ? { description: pr.description } : {}),
    status: pr.status,
    title: pr.title,
    author: pr.author,
    ...(pr.closedDate ? { closed_date: pr.closedDate } : {}),
    creation_date: pr.creationDate,
    destination_branch: pr.destinationBranch,
    id: pr.id,
    ...(pr.mergedCommitId ? { merged_commit_id: pr.mergedCommitId } : {}),
    source_branch: pr.sourceBranch,
  };
}

function findPull(repo: RepositoryRecord, id: string | undefined): PullRequestRecord {
  if (id === undefined || !isPullRequestId(id))
    throw badRequest('argument pullRequestID: pull request id: invalid value: validation error');
  const pr = pullRequestsOf(repo).get(id);
  if (!pr) throw notFound('not found');
  return pr;
}

function statusFilter(ctx: RequestContext): string {
  const status = ctx.query.get('status') ?? 'all';
  if (!FILTERS.includes(status))
    throw badRequest(
      `parameter "status" in query has an error: value is not one of the allowed values ["open","closed","all"]`,
    );
  return status;
}

/** Pull requests: list (with a status filter), create, get, update and merge. */
export function registerPullRoutes(router: Router, { state }: ServerDeps): void {
  const pulls = '/repositories/:repository/pulls';
  router.on('GET', pulls, (ctx) => {
    const amount = queryAmount(ctx.query);
    const status = statusFilter(ctx);
    ctx.user();
    const all = [...pullRequestsOf(state.repository(ctx.params.repository)).values()];
    const matching = all.filter((pr) => status === 'all' || (status === 'open') === (pr.status === 'open'));
    const page = pageOf(matching, (pr: PullRequestRecord) => pr.id, {
      after: ctx.query.get('after') ?? undefined,
      prefix: ctx.query.get('prefix') ?? undefined,
      amount,
    });
    sendJson(ctx.res, 200, {
      pagination: page.pagination,
      results: page.results.map((p) => pullJson(p, false)),
    });
  });

  router.on('POST', pulls, async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'PullRequestCreation');
    const title = requiredString(body, 'title');
    const description = optional(body, 'description', 'string') ?? '';
    const source = requiredString(body, 'source_branch');
    const destination = requiredString(body, 'destination_branch');
    const author = ctx.user();
    const repo = state.repository(ctx.params.repository);
    if (source === destination)
      throw badRequest('source and destination branches are the same: same branch validation error');
    findBranch(repo, source);
    findBranch(repo, destination);
    const id = newPullRequestId();
    pullRequestsOf(repo).set(id, {
      id,
      title,
      description,
      status: 'open',
      author,
      sourceBranch: source,
      destinationBranch: destination,
      creationDate: new Date().toISOString(),
    });
    sendJson(ctx.res, 201, { id });
  });

  const pull = '/repositories/:repository/pulls/:pull_request';
  router.on('GET', pull, (ctx) => {
    ctx.user();
    sendJson(
      ctx.res,
      200,
      pullJson(findPull(state.repository(ctx.params.repository), ctx.params.pull_request), true),
    );
  });

  router.on('PATCH', pull, async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'PullRequestBasic');
    const title = optional(body, 'title', 'string');
    const description = optional(body, 'description', 'string');
    const status = optional(body, 'status', 'string');
    if (status !== undefined && !STATUSES.includes(status))
      throw badRequest(
        'request body has an error: doesn\'t match schema: property "status": value is not one of the allowed values',
      );
    ctx.user();
    const pr = findPull(state.repository(ctx.params.repository), ctx.params.pull_request);
    if (title !== undefined) pr.title = title;
    if (description !== undefined) pr.description = description;
    if (status !== undefined) {
      pr.status = status as PullRequestRecord['status'];
      if (status !== 'open') pr.closedDate = new Date().toISOString();
    }
    sendEmpty(ctx.res, 204);
  });

  router.on('PUT', `${pull}/merge`, async (ctx) => {
    const user = ctx.user();
    const repo = state.repository(ctx.params.repository);
    const pr = findPull(repo, ctx.params.pull_request);
    // lakeFS needs a commit on the pull request's destination, known only once the request is found
    ctx.user({ destination_branch: pr.destinationBranch });
    if (pr.status !== 'open') throw new ApiError(400, 'bad pull request status');
    assertWritable(repo, false);
    const commit = await mergeRefsInSlices(
      repo,
      findBranch(repo, pr.destinationBranch),
      { sourceRef: pr.sourceBranch, committer: user },
      state.events,
    );
    pr.status = 'merged';
    pr.mergedCommitId = commit.id;
    pr.closedDate = new Date().toISOString();
    sendJson(ctx.res, 200, { reference: commit.id });
  });
}
