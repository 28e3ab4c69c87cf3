import { badRequest, forbidden, notFound } from '../http/ApiError';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, optionalStringMap, requiredQuery, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import { ImportJobs, type ImportSourceSpec } from '../import/ImportJobs';
import type { ServerDeps } from '../ServerDeps';
import { namespaceKey } from '../store/storageNamespace';
import { join, resolve } from 'node:path';
import { assertWritable, findBranch } from '../store/branchStore';
import { isBranchId } from '../store/names';

const IMPORT_PATH = '/repositories/:repository/branches/:branch/import';

/** The OpenAPI checks of `ImportCreation`, which lakeFS runs before authentication. */
function importCreation(raw: unknown): {
  paths: ImportSourceSpec[];
  message: string;
  metadata: Record<string, string>;
  force: boolean;
} {
  // the request schema has checked the shape: paths of {type, path, destination}, a commit with a message
  const body = requestBody(raw, 'ImportCreation');
  const paths = (body.paths as Record<string, unknown>[]).map((location): ImportSourceSpec => ({
    type: location.type as ImportSourceSpec['type'],
    path: requiredString(location, 'path'),
    destination: requiredString(location, 'destination'),
  }));
  const commitBody = body.commit as Record<string, unknown>;
  const message = requiredString(commitBody, 'message');
  const metadata = optionalStringMap(commitBody, 'metadata') ?? {};
  const force = optional(body, 'force', 'boolean') ?? false;
  return { paths, message, metadata, force };
}

/**
 * The namespace as the repository names it and, with a data directory, as a `local://` file address (where
 * its objects really are), so that neither spelling can import the repository's own data.
 */
function namespaceForms(namespace: string, dataDir: string | undefined): string[] {
  if (dataDir === undefined) return [namespace];
  let key: string;
  try {
    key = namespaceKey(namespace);
  } catch {
    return [namespace];
  }
  return [namespace, `local://${join(resolve(dataDir), key)}`];
}

/**
 * lakeFS's check (by string prefix, as lakeFS compares): no source inside the repository's namespace,
 * and no prefix source that contains it — 400 `invalid import source`.
 */
function verifyImportPaths(namespaces: readonly string[], paths: readonly ImportSourceSpec[]): void {
  for (const ns of namespaces)
    for (const p of paths) {
      if (p.path.startsWith(ns))
        throw badRequest(
          `import path (${p.path}) in repository namespace (${ns}) is prohibited: invalid import source`,
        );
      if (p.type === 'common_prefix' && ns.startsWith(p.path))
        throw badRequest(`prefix (${p.path}) contains repository namespace: (${ns}), invalid import source`);
    }
}

/**
 * `POST/GET/DELETE /repositories/{r}/branches/{b}/import`: imports from `local://` paths under the
 * server's `importRoots`, in the background, ending in one commit (LAKEFS-BEHAVIOR §10).
 */
export function registerImportRoutes(router: Router, { state, settings }: ServerDeps): void {
  const jobs = new ImportJobs(state, settings.importRoots);

  router.on('POST', IMPORT_PATH, async (ctx) => {
    const raw = await readJson(ctx.req);
    const request = importCreation(raw);
    const user = ctx.user(raw as Record<string, unknown>);
    if (settings.importRoots.length === 0) throw forbidden('import is not supported for this storage');
    const repo = state.repository(ctx.params.repository);
    // lakeFS does not validate the branch name here: a malformed one is simply not found
    if (!isBranchId(ctx.params.branch as string)) throw notFound('branch not found');
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, request.force);
    verifyImportPaths(namespaceForms(repo.storageNamespace, settings.dataDir), request.paths);
    const id = jobs.start({
      repositoryId: repo.id,
      branchId: branch.id,
      sources: request.paths,
      message: request.message || 'Import objects',
      metadata: request.metadata,
      committer: user,
    });
    sendJson(ctx.res, 202, { id });
  });

  router.on('GET', IMPORT_PATH, (ctx) => {
    const id = requiredQuery(ctx.query, 'id');
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    findBranch(repo, ctx.params.branch);
    sendJson(ctx.res, 200, jobs.status(repo.id, id));
  });

  router.on('DELETE', IMPORT_PATH, (ctx) => {
    const id = requiredQuery(ctx.query, 'id');
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    findBranch(repo, ctx.params.branch);
    jobs.cancel(repo.id, id);
    sendEmpty(ctx.res, 204);
  });
}
