import { badRequest, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { pageOf } from '../http/paginate';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, optional, queryAmount, queryBool, requiredString } from '../http/validate';
import {
  iamOf,
  type CredentialRecord,
  type GroupRecord,
  type PolicyRecord,
  type StatementRecord,
  type UserRecord,
} from '../iam/IamStore';
import { aclStatements } from '../iam/builtins';
import { aclPolicyName } from '../iam/operationPermissions';
import type { ServerDeps } from '../ServerDeps';

const userJson = (u: UserRecord) => ({
  id: u.id,
  creation_date: u.creationDate,
  friendly_name: u.id,
  email: u.email ?? '',
});
const groupJson = (g: GroupRecord) => ({
  id: g.id,
  name: g.id,
  creation_date: g.creationDate,
  ...(g.description ? { description: g.description } : {}),
});
const policyJson = (p: PolicyRecord) => ({ id: p.id, creation_date: p.creationDate, statement: p.statement });
const credentialsJson = (c: CredentialRecord) => ({
  access_key_id: c.accessKeyId,
  creation_date: c.creationDate,
});

/** Sends one page of `items` (sorted by id) as `{pagination, results}`. */
function sendPage<T>(
  ctx: RequestContext,
  items: Iterable<T>,
  idOf: (item: T) => string,
  json: (item: T) => unknown,
): void {
  const amount = queryAmount(ctx.query);
  ctx.user();
  const sorted = [...items].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
  const page = pageOf(sorted, idOf, {
    after: ctx.query.get('after') ?? undefined,
    prefix: ctx.query.get('prefix') ?? undefined,
    amount,
  });
  sendJson(ctx.res, 200, { pagination: page.pagination, results: page.results.map(json) });
}

/** The services lakeFS's actions belong to (`fs:ReadObject`, `auth:*`…). */
const SERVICES = new Set(['fs', 'auth', 'ci', 'retention', 'branches', 'pr', 'catalog']);

/** Why lakeFS refuses an action name in a policy, or undefined when it takes it. */
function invalidAction(action: string): string | undefined {
  const parts = action.split(':');
  if (parts.length !== 2) return 'invalid action';
  return SERVICES.has(parts[0] ?? '') ? undefined : 'invalid service name';
}

function statements(body: Record<string, unknown>): StatementRecord[] {
  const raw = body.statement;
  if (!Array.isArray(raw) || raw.length === 0)
    throw badRequest('request body has an error: doesn\'t match schema: property "statement" is missing');
  return raw.map((s: unknown) => {
    const o = objectBody(s);
    const effect = requiredString(o, 'effect');
    const resource = requiredString(o, 'resource');
    if (!['allow', 'deny'].includes(effect)) throw badRequest('invalid policy effect');
    if (!Array.isArray(o.action) || o.action.length === 0 || o.action.some((a) => typeof a !== 'string'))
      throw badRequest('request body has an error: doesn\'t match schema: property "action" is missing');
    for (const action of o.action as string[]) {
      const reason = invalidAction(action);
      if (reason) throw badRequest(`validation error: ${action}: ${reason}`);
    }
    if (resource !== '*' && !/^arn:[^:]*:[^:]*:[^:]*:[^:]*:./.test(resource) && !resource.startsWith('['))
      throw badRequest(`validation error: ARN '${resource}'`);
    return {
      effect,
      resource,
      action: o.action as string[],
      ...(o.condition ? { condition: o.condition as Record<string, unknown> } : {}),
    };
  });
}

/** Users, groups, policies, credentials, memberships, attachments and group ACLs (enforced per request). */
export function registerIamRoutes(router: Router, { auth }: ServerDeps): void {
  const iam = iamOf(auth);
  const uid = (ctx: RequestContext) => ctx.params.userId;

  router.on('GET', '/auth/users', (ctx) => sendPage(ctx, iam.users.values(), (u) => u.id, userJson));
  router.on('POST', '/auth/users', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const id = requiredString(body, 'id');
    if (id === '') throw badRequest('user id: required value: validation error');
    ctx.user(body);
    sendJson(
      ctx.res,
      201,
      userJson(iam.createUser(id, optional(body, 'invite_user', 'boolean') ? id : undefined)),
    );
  });
  router.on('GET', '/auth/users/:userId', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, userJson(iam.user(uid(ctx))));
  });
  router.on('DELETE', '/auth/users/:userId', (ctx) => {
    ctx.user();
    iam.deleteUser(uid(ctx));
    sendEmpty(ctx.res, 204);
  });

  router.on('GET', '/auth/users/:userId/credentials', (ctx) => {
    ctx.user();
    const user = iam.user(uid(ctx));
    sendPage(
      ctx,
      [...iam.credentials.values()].filter((c) => c.userId === user.id),
      (c) => c.accessKeyId,
      credentialsJson,
    );
  });
  router.on('POST', '/auth/users/:userId/credentials', (ctx) => {
    ctx.user();
    const c = iam.createCredentials(iam.user(uid(ctx)).id);
    sendJson(ctx.res, 201, { ...credentialsJson(c), secret_access_key: c.secretAccessKey });
  });
  const findCredentials = (ctx: RequestContext): CredentialRecord => {
    const user = iam.user(uid(ctx));
    const c = iam.credentials.get(ctx.params.accessKeyId ?? '');
    if (!c || c.userId !== user.id) throw notFound('credentials not found');
    return c;
  };
  router.on('GET', '/auth/users/:userId/credentials/:accessKeyId', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, credentialsJson(findCredentials(ctx)));
  });
  router.on('DELETE', '/auth/users/:userId/credentials/:accessKeyId', (ctx) => {
    ctx.user();
    iam.credentials.delete(findCredentials(ctx).accessKeyId);
    sendEmpty(ctx.res, 204);
  });

  router.on('GET', '/auth/users/:userId/groups', (ctx) => {
    ctx.user();
    const user = iam.user(uid(ctx));
    sendPage(
      ctx,
      [...iam.groups.values()].filter((g) => g.members.has(user.id)),
      (g) => g.id,
      groupJson,
    );
  });
  router.on('GET', '/auth/users/:userId/policies', (ctx) => {
    ctx.user();
    const user = iam.user(uid(ctx));
    const ids = new Set(user.policies);
    if (queryBool(ctx.query, 'effective'))
      for (const g of iam.groups.values()) if (g.members.has(user.id)) g.policies.forEach((p) => ids.add(p));
    sendPage(
      ctx,
      [...ids].map((id) => iam.policy(id)),
      (p) => p.id,
      policyJson,
    );
  });
  router.on('PUT', '/auth/users/:userId/policies/:policyId', (ctx) => {
    ctx.user();
    iam.user(uid(ctx)).policies.add(iam.policy(ctx.params.policyId).id);
    sendEmpty(ctx.res, 201);
  });
  router.on('DELETE', '/auth/users/:userId/policies/:policyId', (ctx) => {
    ctx.user();
    iam.user(uid(ctx)).policies.delete(iam.policy(ctx.params.policyId).id);
    sendEmpty(ctx.res, 204);
  });

  router.on('GET', '/auth/groups', (ctx) => sendPage(ctx, iam.groups.values(), (g) => g.id, groupJson));
  router.on('POST', '/auth/groups', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const id = requiredString(body, 'id');
    if (id === '') throw badRequest('group id: required value: validation error');
    ctx.user(body);
    sendJson(ctx.res, 201, groupJson(iam.createGroup(id, optional(body, 'description', 'string'))));
  });
  router.on('GET', '/auth/groups/:groupId', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, groupJson(iam.group(ctx.params.groupId)));
  });
  router.on('DELETE', '/auth/groups/:groupId', (ctx) => {
    ctx.user();
    iam.groups.delete(iam.group(ctx.params.groupId).id);
    sendEmpty(ctx.res, 204);
  });
  router.on('GET', '/auth/groups/:groupId/members', (ctx) => {
    ctx.user();
    const group = iam.group(ctx.params.groupId);
    sendPage(
      ctx,
      [...group.members].map((id) => iam.user(id)),
      (u) => u.id,
      userJson,
    );
  });
  router.on('PUT', '/auth/groups/:groupId/members/:userId', (ctx) => {
    ctx.user();
    iam.group(ctx.params.groupId).members.add(iam.user(uid(ctx)).id);
    sendEmpty(ctx.res, 201);
  });
  router.on('DELETE', '/auth/groups/:groupId/members/:userId', (ctx) => {
    ctx.user();
    iam.group(ctx.params.groupId).members.delete(iam.user(uid(ctx)).id);
    sendEmpty(ctx.res, 204);
  });
  router.on('GET', '/auth/groups/:groupId/policies', (ctx) => {
    ctx.user();
    const group = iam.group(ctx.params.groupId);
    sendPage(
      ctx,
      [...group.policies].map((id) => iam.policy(id)),
      (p) => p.id,
      policyJson,
    );
  });
  router.on('PUT', '/auth/groups/:groupId/policies/:policyId', (ctx) => {
    ctx.user();
    iam.group(ctx.params.groupId).policies.add(iam.policy(ctx.params.policyId).id);
    sendEmpty(ctx.res, 201);
  });
  router.on('DELETE', '/auth/groups/:groupId/policies/:policyId', (ctx) => {
    ctx.user();
    iam.group(ctx.params.groupId).policies.delete(iam.policy(ctx.params.policyId).id);
    sendEmpty(ctx.res, 204);
  });

  // lakeFS's simplified permissions: a group's ACL is one policy made from it, the group's only one
  router.on('POST', '/auth/groups/:groupId/acl', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const permission = requiredString(body, 'permission');
    ctx.user();
    const group = iam.group(ctx.params.groupId);
    const statement = aclStatements(permission);
    if (!statement)
      throw badRequest(
        `${group.id}: translate ACL {Permission:${permission}} to statements: ${permission}: validation error: Bad ACL permission`,
      );
    const id = aclPolicyName(group.id);
    const policy = iam.policies.get(id) ?? iam.createPolicy(id, statement);
    policy.statement = statement;
    policy.acl = permission;
    group.policies.clear();
    group.policies.add(id);
    sendEmpty(ctx.res, 201);
  });
  router.on('GET', '/auth/groups/:groupId/acl', (ctx) => {
    ctx.user();
    const policies = [...iam.group(ctx.params.groupId).policies].map((id) => iam.policy(id));
    const [only] = policies;
    if (policies.length > 1)
      return sendJson(ctx.res, 404, {
        message: 'Multiple policies attached to group - no ACL',
        no_acl: true,
      });
    if (only && !only.acl)
      return sendJson(ctx.res, 404, { message: 'Policy attached to group has no ACL', no_acl: true });
    sendJson(ctx.res, 200, { permission: only?.acl ?? '' });
  });

  router.on('GET', '/auth/policies', (ctx) => sendPage(ctx, iam.policies.values(), (p) => p.id, policyJson));
  router.on('POST', '/auth/policies', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const id = requiredString(body, 'id');
    const statement = statements(body);
    ctx.user(body);
    sendJson(ctx.res, 201, policyJson(iam.createPolicy(id, statement)));
  });
  router.on('GET', '/auth/policies/:policyId', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, policyJson(iam.policy(ctx.params.policyId)));
  });
  router.on('PUT', '/auth/policies/:policyId', async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    const statement = statements(body);
    ctx.user();
    // lakeFS: the document names the policy it replaces, and a policy cannot be renamed
    if (body.id !== undefined && body.id !== ctx.params.policyId) throw badRequest("can't update policy id");
    const policy = iam.policy(ctx.params.policyId);
    policy.statement = statement;
    sendJson(ctx.res, 200, policyJson(policy));
  });
  router.on('DELETE', '/auth/policies/:policyId', (ctx) => {
    ctx.user();
    iam.deletePolicy(ctx.params.policyId);
    sendEmpty(ctx.res, 204);
  });
}
