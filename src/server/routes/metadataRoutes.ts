import { createHash } from 'node:crypto';
import { badRequest, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { readJson, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, optional, queryBool, requiredQuery, requiredString } from '../http/validate';
import { materializeMetaRange, readMetadataFile } from '../metadata/loadMetaRange';
import { metadataKey } from '../metadata/metaRangeFiles';
import { assertBare, dumpRefs, type RefsDumpIds, restoreRefs } from '../metadata/refsDump';
import { findTask, type RefsTask, submitTask } from '../metadata/refsTasks';
import { presignUrl } from '../presign/presignedUrl';
import type { ServerDeps } from '../ServerDeps';
import { nowSeconds } from '../store/ServerState';

const METADATA_TYPES = ['range', 'meta_range'];

/** A `RefsRestore` body: the three ids (required) and `force`. */
async function restoreBody(ctx: RequestContext): Promise<{ ids: RefsDumpIds; force: boolean }> {
  const body = objectBody(await readJson(ctx.req));
  const ids: RefsDumpIds = {
    branches_meta_range_id: requiredString(body, 'branches_meta_range_id'),
    tags_meta_range_id: requiredString(body, 'tags_meta_range_id'),
    commits_meta_range_id: requiredString(body, 'commits_meta_range_id'),
  };
  return { ids, force: optional(body, 'force', 'boolean') ?? false };
}

function taskStatusJson(task: RefsTask): Record<string, unknown> {
  return {
    id: task.id,
    done: task.done,
    update_time: task.updateTime.toISOString(),
    ...(task.error !== undefined ? { error: task.error } : {}),
    ...(task.refs ? { refs: task.refs } : {}),
  };
}

/**
 * The metadata reads (meta-range and range locations, the files themselves) and refs dump/restore,
 * synchronous and as tasks. Locations are relative to the storage namespace (`_lakefs/<id>`), as lakeFS
 * answers; the files are written from the commit's tree when first asked for.
 */
export function registerMetadataRoutes(router: Router, { state, settings }: ServerDeps): void {
  const base = '/repositories/:repository';
  const location = (ctx: RequestContext, id: string): void => {
    const key = metadataKey(id);
    ctx.res.setHeader('location', key);
    sendJson(ctx.res, 200, { location: key });
  };

  router.on('GET', `${base}/metadata/meta_range/:metaRange`, async (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const id = ctx.params.metaRange as string;
    await materializeMetaRange(state.blockstore, repo, id);
    location(ctx, id);
  });

  router.on('GET', `${base}/metadata/range/:range`, (ctx) => {
    ctx.user();
    state.repository(ctx.params.repository);
    location(ctx, ctx.params.range as string);
  });

  router.on('GET', `${base}/metadata/object/:type/:objectId`, async (ctx) => {
    const type = ctx.params.type as string;
    if (!METADATA_TYPES.includes(type))
      throw badRequest(
        `parameter "type" in path has an error: value is not one of the allowed values ["range","meta_range"]`,
      );
    const presign = queryBool(ctx.query, 'presign', false);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const id = ctx.params.objectId as string;
    if (type === 'meta_range') await materializeMetaRange(state.blockstore, repo, id);
    const address = state.blockstore.namespaceAddress(repo.storageNamespace, metadataKey(id));
    if (presign) {
      if (!settings.presign) throw badRequest('local adapter presigned URL: operation not supported');
      const bytes = await readMetadataFile(state.blockstore, repo.storageNamespace, id); // 410 when absent
      const url = presignUrl(settings, settings.baseUrl, {
        method: 'GET',
        address,
        sizeBytes: bytes.length,
        checksum: createHash('md5').update(bytes).digest('hex'),
        contentType: 'application/octet-stream',
        mtime: nowSeconds(),
      }).url;
      ctx.res.writeHead(302, { location: url });
      ctx.res.end();
      return;
    }
    const bytes = await readMetadataFile(state.blockstore, repo.storageNamespace, id);
    ctx.res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': bytes.length,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': "default-src 'none'",
    });
    ctx.res.end(bytes);
  });

  router.on('PUT', `${base}/refs/dump`, async (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    sendJson(ctx.res, 201, await dumpRefs(state.blockstore, repo));
  });

  router.on('PUT', `${base}/refs/restore`, async (ctx) => {
    const { ids, force } = await restoreBody(ctx);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    await restoreRefs(state.blockstore, repo, ids, force);
    // lakeFS answers 200 with an empty body of declared length
    ctx.res.writeHead(200, { 'content-length': 0 });
    ctx.res.end();
  });

  router.on('POST', `${base}/dump`, (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    const task = submitTask(state, 'dump', repo.id, () => dumpRefs(state.blockstore, repo));
    sendJson(ctx.res, 202, { id: task.id });
  });

  router.on('POST', `${base}/restore`, async (ctx) => {
    const { ids, force } = await restoreBody(ctx);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    assertBare(repo);
    const task = submitTask(state, 'restore', repo.id, () => restoreRefs(state.blockstore, repo, ids, force));
    sendJson(ctx.res, 202, { id: task.id });
  });

  for (const kind of ['dump', 'restore'] as const)
    router.on('GET', `${base}/${kind}`, (ctx) => {
      const taskId = requiredQuery(ctx.query, 'task_id');
      ctx.user();
      const repo = state.repository(ctx.params.repository);
      const task = findTask(state, kind, repo.id, taskId);
      if (!task) throw notFound('not found');
      sendJson(ctx.res, 200, taskStatusJson(task));
    });
}
