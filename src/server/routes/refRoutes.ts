import { ApiError, badRequest } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { readJson, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, optionalStringMap, queryAmount, queryBool } from '../http/validate';
import { requestBody } from '../http/validateBody';
import type { ServerDeps } from '../ServerDeps';
import { checkArguments } from './checkArguments';
import { notFoundAs } from './notFoundAs';
import { assertClean } from '../store/branchOps';
import { assertWritable, branchHead, findBranch } from '../store/branchStore';
import type { ChangeRecord } from '../store/ChangeRecord';
import { threeDotChanges, twoDotChanges } from '../store/diffTrees';
import { findMergeBase } from '../store/findMergeBase';
import { mergeRefsInSlices } from '../store/mergeRefs';
import type { MergeStrategy } from '../store/mergeTrees';
import { openSorted, type PageOptions, pageRows } from '../store/pageRows';
import { resolveCommit, resolveRef } from '../store/resolveRef';
import { TreeBuilder } from '../store/TreeBuilder';
import type { Tree } from '../store/types';
import { uncommittedChanges } from '../store/uncommittedChanges';
import { diffJson, paginationJson } from './wireJson';

const STRATEGIES: Record<string, MergeStrategy> = {
  '': 'default',
  'dest-wins': 'dest-wins',
  'source-wins': 'source-wins',
};

const pageOptions = (ctx: RequestContext): PageOptions => ({
  prefix: ctx.query.get('prefix') ?? '',
  after: ctx.query.get('after') ?? '',
  delimiter: ctx.query.get('delimiter') ?? '',
  amount: queryAmount(ctx.query),
});

function sendDiff(
  ctx: RequestContext,
  open: (from: string) => Iterator<[string, ChangeRecord]>,
  options: PageOptions,
  includeRight = false,
): void {
  const { rows, hasMore } = pageRows(open, options);
  sendJson(ctx.res, 200, {
    pagination: paginationJson(rows.length, hasMore, rows[rows.length - 1]?.path),
    results: rows.map((r) => diffJson(r, includeRight)),
  });
}

/** Refs diff (two/three dot), a branch's uncommitted diff, merge and merge base. */
export function registerRefRoutes(router: Router, { state }: ServerDeps): void {
  router.on('GET', '/repositories/:repository/refs/:leftRef/diff/:rightRef', (ctx) => {
    const options = pageOptions(ctx);
    const type = ctx.query.get('type') ?? 'three_dot';
    if (type === '') {
      // the generated router's plain-text answer to an empty value of a parameter with a default
      const text = "Invalid format for parameter type: multiple values for single value parameter 'type'";
      throw new ApiError(400, text, `${text}\n`);
    }
    if (type !== 'two_dot' && type !== 'three_dot')
      throw badRequest(
        'parameter "type" in query has an error: value is not one of the allowed values ["two_dot","three_dot"]',
      );
    const includeRight = queryBool(ctx.query, 'include_right_stats', false);
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['left', 'ref', ctx.params.leftRef],
      ['right', 'ref', ctx.params.rightRef],
    );
    const repo = state.repository(ctx.params.repository);
    const left = notFoundAs(`get commit by branch ${ctx.params.leftRef}: not found`, () =>
      resolveCommit(repo, ctx.params.leftRef),
    );
    const right = notFoundAs(`get commit by ref ${ctx.params.rightRef}: not found`, () =>
      resolveRef(repo, ctx.params.rightRef),
    );
    let rightTree: Tree = right.commit.tree;
    if (right.dollar && right.branch) {
      const staged = new TreeBuilder(right.commit);
      staged.applyStaging(right.branch.staging);
      rightTree = staged.finish().tree;
    }
    let changes: [string, ChangeRecord][];
    if (type === 'two_dot') changes = twoDotChanges(left.tree, rightTree);
    else {
      const base = findMergeBase(repo, left, right.commit);
      if (!base) throw new ApiError(500, 'no merge base');
      changes = threeDotChanges(left.tree, rightTree, base.tree);
    }
    sendDiff(ctx, openSorted(changes), options, includeRight);
  });

  router.on('GET', '/repositories/:repository/branches/:branch/diff', (ctx) => {
    const options = pageOptions(ctx);
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    const tree = branchHead(repo, branch).tree;
    sendDiff(ctx, (from) => uncommittedChanges(tree, branch.staging, from), options);
  });

  router.on('POST', '/repositories/:repository/refs/:sourceRef/merge/:destinationBranch', async (ctx) => {
    const raw = await readJson(ctx.req);
    const body = requestBody(raw, 'Merge', false);
    const message = optional(body, 'message', 'string');
    const metadata = optionalStringMap(body, 'metadata');
    const strategyName = optional(body, 'strategy', 'string') ?? '';
    const force = optional(body, 'force', 'boolean') ?? false;
    const allowEmpty = optional(body, 'allow_empty', 'boolean') ?? false;
    const squash = optional(body, 'squash_merge', 'boolean') ?? false;
    const user = ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['source', 'ref', ctx.params.sourceRef],
      ['destination', 'branch', ctx.params.destinationBranch],
    );
    const strategy = STRATEGIES[strategyName];
    if (!strategy) throw badRequest('argument strategy: invalid value: validation error');
    const repo = state.repository(ctx.params.repository);
    const dest = findBranch(repo, ctx.params.destinationBranch);
    assertWritable(repo, force);
    // lakeFS checks the destination (clean) before it looks the source up
    assertClean(repo, dest);
    notFoundAs(`update branch ${dest.id}: get commit by ref ${ctx.params.sourceRef}: not found`, () =>
      resolveCommit(repo, ctx.params.sourceRef),
    );
    const commit = await mergeRefsInSlices(
      repo,
      dest,
      {
        sourceRef: ctx.params.sourceRef as string,
        committer: user,
        message,
        metadata,
        strategy,
        allowEmpty,
        force,
        squash,
      },
      state.events,
    );
    sendJson(ctx.res, 200, { reference: commit.id });
  });

  router.on('GET', '/repositories/:repository/refs/:sourceRef/merge/:destinationBranch', (ctx) => {
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['source', 'ref', ctx.params.sourceRef],
      ['destination', 'ref', ctx.params.destinationBranch],
    );
    const repo = state.repository(ctx.params.repository);
    const source = notFoundAs(`get commit by branch ${ctx.params.sourceRef}: not found`, () =>
      resolveCommit(repo, ctx.params.sourceRef),
    );
    const dest = notFoundAs(`get commit by ref ${ctx.params.destinationBranch}: not found`, () =>
      resolveCommit(repo, ctx.params.destinationBranch),
    );
    const base = findMergeBase(repo, dest, source);
    if (!base) throw new ApiError(500, 'no merge base');
    sendJson(ctx.res, 200, {
      source_commit_id: source.id,
      destination_commit_id: dest.id,
      base_commit_id: base.id,
    });
  });
}
