import { ApiError, badRequest, forbidden, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, optionalStringMap, queryBool, requiredQuery, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import type { ServerDeps } from '../ServerDeps';
import { arn } from '../iam/permissions';
import { isProtectedBranch, PROTECTED_MESSAGES } from '../settings/guardProtectedBranches';
import { checkArguments } from './checkArguments';
import { notFoundAs } from './notFoundAs';
import { assertWritable, branchHead, findBranch } from '../store/branchStore';
import { makeEntry } from '../store/makeEntry';
import { validPath } from '../store/names';
import { lookupEntry, viewOf } from '../store/objectView';
import { resolveRef } from '../store/resolveRef';
import { nowSeconds } from '../store/ServerState';
import type { BranchRecord, RepositoryRecord } from '../store/types';
import { multipartBoundary, multipartContent, type MultipartPart } from './multipartContent';
import { uploadMetadata } from './uploadMetadata';
import { objectStatsJson } from './wireJson';

const MAX_DELETE_PATHS = 1000;

/** 501 for conditional upload headers lakeFS does not implement (`If-Match`, `If-None-Match` ≠ `*`). */
export function checkConditionalHeaders(ctx: RequestContext): boolean {
  const ifMatch = ctx.req.headers['if-match'];
  const ifNoneMatch = ctx.req.headers['if-none-match'];
  if (ifMatch !== undefined || (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*'))
    throw new ApiError(501, 'not implemented');
  return ifNoneMatch !== undefined;
}

/** Whether `path` currently exists on the branch (committed or staged, not deleted). */
export const existsOnBranch = (repo: RepositoryRecord, branch: BranchRecord, path: string): boolean =>
  lookupEntry({ tree: branchHead(repo, branch).tree, staging: branch.staging }, path) !== undefined;

/** Deletes a path on a branch: committed paths get a tombstone, staged-only ones simply vanish. */
function deletePath(repo: RepositoryRecord, branch: BranchRecord, path: string): void {
  if (branchHead(repo, branch).tree.has(path)) branch.staging.set(path, null);
  else branch.staging.delete(path);
}

/** Upload (raw or multipart), delete, batch delete, copy and user-metadata update on a branch. */
export function registerObjectWriteRoutes(router: Router, { state }: ServerDeps): void {
  router.on('POST', '/repositories/:repository/branches/:branch/objects', async (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const force = queryBool(ctx.query, 'force', false);
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['name', 'branch', ctx.params.branch],
    );
    const ifAbsent = checkConditionalHeaders(ctx);
    const repo = state.repository(ctx.params.repository);
    const branch = notFoundAs(`branch '${ctx.params.branch}' not found`, () =>
      findBranch(repo, ctx.params.branch),
    );
    assertWritable(repo, force);
    if (ifAbsent && existsOnBranch(repo, branch, path)) throw new ApiError(412, 'path already exists');
    const metadata = uploadMetadata(ctx.req);
    const requestType = ctx.req.headers['content-type'] ?? '';
    const part: MultipartPart = {};
    const multipart = /^multipart\/form-data/i.test(requestType);
    const data = multipart ? multipartContent(ctx.req, multipartBoundary(requestType), part) : ctx.req;
    const blob = await state.blockstore.write(repo.storageNamespace, data);
    // the write was asynchronous: look everything up again and re-check the precondition atomically
    const repoNow = state.repository(repo.id);
    const branchNow = findBranch(repoNow, branch.id);
    if (ifAbsent && existsOnBranch(repoNow, branchNow, path)) throw new ApiError(412, 'path already exists');
    const entry = makeEntry({
      physicalAddress: blob.address,
      checksum: blob.checksum,
      sizeBytes: blob.sizeBytes,
      mtime: nowSeconds(),
      contentType: (multipart ? part.contentType : requestType) || 'application/octet-stream',
      metadata,
    });
    branchNow.staging.set(path, entry);
    sendJson(ctx.res, 201, objectStatsJson(path, entry, 'always'));
  });

  router.on('GET', '/repositories/:repository/branches/:branch/objects/stage_allowed', (ctx) => {
    validPath(requiredQuery(ctx.query, 'path'));
    ctx.user();
    // lakeFS only authorizes the write here: no repository, branch or read-only check
    sendEmpty(ctx.res, 204);
  });

  router.on('DELETE', '/repositories/:repository/branches/:branch/objects', (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const force = queryBool(ctx.query, 'force', false);
    queryBool(ctx.query, 'no_tombstone', false);
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    deletePath(repo, branch, path);
    sendEmpty(ctx.res, 204);
  });

  router.on('POST', '/repositories/:repository/branches/:branch/objects/delete', async (ctx) => {
    const force = queryBool(ctx.query, 'force', false);
    queryBool(ctx.query, 'no_tombstone', false);
    const body = requestBody(await readJson(ctx.req), 'PathList');
    const paths = body.paths;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
      throw badRequest('request body has an error: doesn\'t match schema: property "paths" is missing');
    if (paths.length > MAX_DELETE_PATHS)
      throw badRequest(`request size exceeded, max paths is set to ${MAX_DELETE_PATHS}`);
    ctx.user();
    const repoId = ctx.params.repository ?? '';
    // lakeFS checks each path: it deletes the permitted ones and answers 401 if any was refused
    const refused = (paths as string[]).filter(
      (path) => !ctx.allows({ action: 'fs:DeleteObject', resource: arn.object(repoId, path) }),
    );
    const permitted = (paths as string[]).filter((path) => !refused.includes(path));
    const repo = state.repositories.get(repoId);
    const branch = repo?.branches.get(ctx.params.branch ?? '');
    const errors: { status_code: number; message: string; path: string }[] = [];
    if (repo && branch) {
      // a protection rule refuses the whole batch, reported per path (200), as lakeFS does
      const protectedBranch = isProtectedBranch(repo, branch.id);
      for (const path of permitted) {
        if (repo.readOnly && !force) errors.push({ status_code: 403, message: 'read-only repository', path });
        else if (protectedBranch) errors.push({ status_code: 403, message: PROTECTED_MESSAGES.write, path });
        else if (!path) errors.push({ status_code: 400, message: 'missing path', path });
        else deletePath(repo, branch, path);
      }
    }
    const [first] = refused;
    if (first !== undefined)
      ctx.authorize({ action: 'fs:DeleteObject', resource: arn.object(repoId, first) });
    sendJson(ctx.res, 200, { errors });
  });

  router.on('POST', '/repositories/:repository/branches/:branch/objects/copy', async (ctx) => {
    const destPath = validPath(requiredQuery(ctx.query, 'dest_path'));
    const body = requestBody(await readJson(ctx.req), 'ObjectCopyCreation');
    const srcPath = requiredString(body, 'src_path');
    const srcRef = optional(body, 'src_ref', 'string');
    const force = optional(body, 'force', 'boolean') ?? false;
    const shallow = optional(body, 'shallow', 'boolean') ?? false;
    ctx.user(body);
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['name', 'branch', ctx.params.branch],
    );
    if (srcRef) checkArguments(['ref', 'ref', srcRef]);
    const repo = state.repository(ctx.params.repository);
    const branch = notFoundAs(`branch '${ctx.params.branch}' not found`, () =>
      findBranch(repo, ctx.params.branch),
    );
    assertWritable(repo, force);
    if (shallow) throw new ApiError(501, 'shallow copy: not implemented');
    const source = lookupEntry(viewOf(resolveRef(repo, srcRef || branch.id)), validPath(srcPath));
    if (!source) throw notFound('not found');
    const blob = await state.blockstore.write(
      repo.storageNamespace,
      await state.blockstore.open(source.physicalAddress),
    );
    const branchNow = findBranch(state.repository(repo.id), branch.id);
    const entry = makeEntry({
      physicalAddress: blob.address,
      checksum: source.checksum,
      sizeBytes: source.sizeBytes,
      mtime: nowSeconds(),
      contentType: source.contentType,
      metadata: source.metadata,
    });
    branchNow.staging.set(destPath, entry);
    sendJson(ctx.res, 201, objectStatsJson(destPath, entry, 'always'));
  });

  router.on('PUT', '/repositories/:repository/branches/:branch/objects/stat/user_metadata', async (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const body = requestBody(await readJson(ctx.req), 'UpdateObjectUserMetadata');
    const set = optionalStringMap(body, 'set');
    if (!set) throw badRequest('request body has an error: doesn\'t match schema: property "set" is missing');
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const repo = state.repositories.get(ctx.params.repository ?? '');
    if (!repo) {
      sendEmpty(ctx.res, 204); // lakeFS quirk: a missing repository is not reported here
      return;
    }
    const branch = findBranch(repo, ctx.params.branch);
    if (repo.readOnly) throw forbidden('read-only repository');
    const current = lookupEntry({ tree: branchHead(repo, branch).tree, staging: branch.staging }, path);
    if (!current) throw notFound('not found');
    branch.staging.set(path, makeEntry({ ...current, metadata: { ...set } }));
    sendEmpty(ctx.res, 204);
  });
}
