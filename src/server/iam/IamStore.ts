import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthConfig } from '../auth/authenticate';
import { ApiError, conflict, notFound } from '../http/ApiError';
import { ADMINS_GROUP, BUILTIN_GROUPS, BUILTIN_POLICIES } from './builtins';
import {
  allowsActionSomewhere,
  effectiveStatements,
  refusal,
  type EffectiveStatement,
  type PermissionNode,
} from './permissions';

/** A policy statement as the API carries it. */
export interface StatementRecord {
  readonly effect: string;
  readonly resource: string;
  readonly action: readonly string[];
  readonly condition?: Record<string, unknown>;
}

export interface UserRecord {
  readonly id: string;
  readonly creationDate: number;
  readonly email?: string;
  readonly policies: Set<string>;
}
export interface GroupRecord {
  readonly id: string;
  readonly creationDate: number;
  readonly description?: string;
  readonly members: Set<string>;
  readonly policies: Set<string>;
}
export interface PolicyRecord {
  readonly id: string;
  readonly creationDate: number;
  statement: readonly StatementRecord[];
  /** set on the policy that holds a group's ACL (Read, Write, Super or Admin) */
  acl?: string;
}
export interface CredentialRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly userId: string;
  readonly creationDate: number;
}

const now = (): number => Math.floor(Date.now() / 1000);

/**
 * Users, groups, policies and credentials of the local server. The server's own key pair belongs to its
 * admin user; keys created here authenticate as their user. Policies are enforced as lakeFS's RBAC does:
 * a user's effective policies are its own and its groups'; setup creates lakeFS's built-in groups and
 * policies and puts the admin in Admins.
 */
export class IamStore {
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly policies = new Map<string, PolicyRecord>();
  readonly credentials = new Map<string, CredentialRecord>();

  constructor(auth: AuthConfig) {
    const creationDate = now();
    this.users.set(auth.userId, { id: auth.userId, creationDate, policies: new Set() });
    this.credentials.set(auth.accessKeyId, {
      accessKeyId: auth.accessKeyId,
      secretAccessKey: auth.secretAccessKey,
      userId: auth.userId,
      creationDate,
    });
    for (const [id, statement] of Object.entries(BUILTIN_POLICIES))
      this.policies.set(id, { id, creationDate, statement });
    for (const [id, policies] of Object.entries(BUILTIN_GROUPS))
      this.groups.set(id, { id, creationDate, members: new Set(), policies: new Set(policies) });
    this.groups.get(ADMINS_GROUP)?.members.add(auth.userId);
  }

  /** The policy ids that apply to a user: attached to it, or to a group it belongs to. */
  effectivePolicyIds(userId: string): Set<string> {
    const ids = new Set(this.users.get(userId)?.policies ?? []);
    for (const g of this.groups.values()) if (g.members.has(userId)) g.policies.forEach((p) => ids.add(p));
    return ids;
  }

  private statementsOf(userId: string): EffectiveStatement[] {
    const statements = [...this.effectivePolicyIds(userId)].flatMap(
      (id) => this.policies.get(id)?.statement ?? [],
    );
    return effectiveStatements(userId, statements);
  }

  /** Throws lakeFS's 401 unless `userId` holds `node`. */
  authorize(userId: string, node: PermissionNode): void {
    const reason = refusal(node, this.statementsOf(userId));
    if (reason !== undefined) throw new ApiError(401, `insufficient permissions: ${reason}`);
  }

  /** Whether `userId` holds `node`. */
  allows(userId: string, node: PermissionNode): boolean {
    return refusal(node, this.statementsOf(userId)) === undefined;
  }

  /** Whether some allow statement of the user names `action` (on any resource). */
  allowsSomewhere(userId: string, action: string): boolean {
    return allowsActionSomewhere(action, this.statementsOf(userId));
  }

  user(id: string | undefined): UserRecord {
    const user = this.users.get(id ?? '');
    if (!user) throw notFound('user not found');
    return user;
  }
  group(id: string | undefined): GroupRecord {
    const group = this.groups.get(id ?? '');
    if (!group) throw notFound('group not found');
    return group;
  }
  policy(id: string | undefined): PolicyRecord {
    const policy = this.policies.get(id ?? '');
    if (!policy) throw notFound('policy not found');
    return policy;
  }

  createUser(id: string, email?: string): UserRecord {
    if (this.users.has(id)) throw conflict('Already exists');
    const user: UserRecord = { id, creationDate: now(), ...(email ? { email } : {}), policies: new Set() };
    this.users.set(id, user);
    return user;
  }

  /** Deletes a user with its credentials and memberships. */
  deleteUser(id: string | undefined): void {
    const user = this.user(id);
    this.users.delete(user.id);
    for (const [key, c] of this.credentials) if (c.userId === user.id) this.credentials.delete(key);
    for (const g of this.groups.values()) g.members.delete(user.id);
  }

  createGroup(id: string, description?: string): GroupRecord {
    if (this.groups.has(id)) throw conflict('Already exists');
    const group: GroupRecord = {
      id,
      creationDate: now(),
      ...(description ? { description } : {}),
      members: new Set(),
      policies: new Set(),
    };
    this.groups.set(id, group);
    return group;
  }

  createPolicy(id: string, statement: readonly StatementRecord[]): PolicyRecord {
    if (this.policies.has(id)) throw conflict('Already exists');
    const policy: PolicyRecord = { id, creationDate: now(), statement };
    this.policies.set(id, policy);
    return policy;
  }

  /** Deletes a policy and detaches it everywhere. */
  deletePolicy(id: string | undefined): void {
    const policy = this.policy(id);
    this.policies.delete(policy.id);
    for (const u of this.users.values()) u.policies.delete(policy.id);
    for (const g of this.groups.values()) g.policies.delete(policy.id);
  }

  /** A new key pair for `userId`, shaped like lakeFS's (`AKIAJ…` and a 40-character secret). */
  createCredentials(userId: string): CredentialRecord {
    this.user(userId);
    const accessKeyId = `AKIAJ${randomBytes(12).toString('hex').toUpperCase().slice(0, 15)}Q`;
    const record: CredentialRecord = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
      userId,
      creationDate: now(),
    };
    this.credentials.set(accessKeyId, record);
    return record;
  }

  /** The user a key pair authenticates as, or undefined. */
  authenticate(accessKeyId: string, secret: string): string | undefined {
    const c = this.credentials.get(accessKeyId);
    if (!c) return undefined;
    const a = Buffer.from(secret);
    const b = Buffer.from(c.secretAccessKey);
    return a.length === b.length && timingSafeEqual(a, b) ? c.userId : undefined;
  }
}

const stores = new WeakMap<AuthConfig, IamStore>();

/** The IAM store of the server whose auth config is `auth`, made on first use. */
export function iamOf(auth: AuthConfig): IamStore {
  let store = stores.get(auth);
  if (!store) {
    store = new IamStore(auth);
    stores.set(auth, store);
  }
  return store;
}
