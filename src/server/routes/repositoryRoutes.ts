import { ApiError, badRequest, forbidden } from '../http/ApiError';
import { pageOf } from '../http/paginate';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { optional, optionalStringMap, queryAmount, queryBool, requiredString } from '../http/validate';
import { requestBody } from '../http/validateBody';
import { iamOf } from '../iam/IamStore';
import { arn } from '../iam/permissions';
import type { ServerDeps } from '../ServerDeps';
import type { RepositoryRecord } from '../store/types';
import { addSampleData } from './sampleData';

/** The wire shape of a repository. */
export function repositoryJson(repo: RepositoryRecord) {
  return {
    id: repo.id,
    creation_date: repo.creationDate,
    default_branch: repo.defaultBranch,
    storage_namespace: repo.storageNamespace,
    storage_id: '',
    read_only: repo.readOnly,
  };
}

/** `/repositories` and `/repositories/{repository}[/metadata]`. */
export function registerRepositoryRoutes(router: Router, { state, auth }: ServerDeps): void {
  const iam = iamOf(auth);
  router.on('GET', '/repositories', (ctx) => {
    const amount = queryAmount(ctx.query);
    const user = ctx.user();
    // lakeFS lists only the repositories the caller may list, and refuses one who may list none
    if (!iam.allowsSomewhere(user, 'fs:ListRepositories'))
      throw new ApiError(401, 'insufficient permissions');
    const search = ctx.query.get('search') ?? '';
    const all = state
      .sortedRepositories()
      .filter((r) => iam.allows(user, { action: 'fs:ListRepositories', resource: arn.repository(r.id) }));
    const items = search ? all.filter((r) => r.id.includes(search)) : all;
    const page = pageOf(items, (r) => r.id, {
      after: ctx.query.get('after') ?? undefined,
      prefix: ctx.query.get('prefix') ?? undefined,
      amount,
    });
    sendJson(ctx.res, 200, { pagination: page.pagination, results: page.results.map(repositoryJson) });
  });

  router.on('POST', '/repositories', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'RepositoryCreation');
    const name = requiredString(body, 'name');
    const storageNamespace = requiredString(body, 'storage_namespace');
    const defaultBranch = optional(body, 'default_branch', 'string') || 'main';
    const readOnly = optional(body, 'read_only', 'boolean') ?? false;
    const sampleData = optional(body, 'sample_data', 'boolean') ?? false;
    const storageId = optional(body, 'storage_id', 'string');
    const bare = queryBool(ctx.query, 'bare', false);
    const user = ctx.user(body);
    if (storageId) throw badRequest('storage id: invalid value');
    const repo = state.createRepository({ id: name, storageNamespace, defaultBranch, readOnly, bare });
    if (sampleData && !bare) await addSampleData(state, repo, user);
    sendJson(ctx.res, 201, repositoryJson(repo));
  });

  router.on('GET', '/repositories/:repository', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, repositoryJson(state.repository(ctx.params.repository)));
  });

  router.on('DELETE', '/repositories/:repository', (ctx) => {
    const force = queryBool(ctx.query, 'force', false);
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    if (repo.readOnly && !force) throw forbidden('read-only repository');
    state.deleteRepository(repo.id);
    sendEmpty(ctx.res, 204);
  });

  router.on('GET', '/repositories/:repository/metadata', (ctx) => {
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    sendJson(ctx.res, 200, Object.fromEntries(repo.metadata));
  });

  router.on('POST', '/repositories/:repository/metadata', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'RepositoryMetadataSet');
    const metadata = optionalStringMap(body, 'metadata');
    if (!metadata)
      throw badRequest('request body has an error: doesn\'t match schema: property "metadata" is missing');
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    for (const [k, v] of Object.entries(metadata)) repo.metadata.set(k, v);
    sendEmpty(ctx.res, 204);
  });

  router.on('DELETE', '/repositories/:repository/metadata', async (ctx) => {
    const body = requestBody(await readJson(ctx.req), 'RepositoryMetadataKeys');
    const keys = body.keys;
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
      throw badRequest('request body has an error: doesn\'t match schema: property "keys" is missing');
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    for (const k of keys as string[]) repo.metadata.delete(k);
    sendEmpty(ctx.res, 204);
  });
}
