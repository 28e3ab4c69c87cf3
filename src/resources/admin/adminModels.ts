import type * as wire from '../../api/generated/models';

/**
 * A lakeFS user.
 * @group Models
 */
export interface UserDetails {
  /** The user id (the name it logs in with). */
  readonly id: string;
  /** When the user was created. */
  readonly creationDate: Date;
  /** A display name, when one was set. */
  readonly friendlyName?: string;
  /** The user's email, when one was set (users invited by email). */
  readonly email?: string;
}

/**
 * A group of users.
 * @group Models
 */
export interface GroupDetails {
  /** The group id. */
  readonly id: string;
  /** A display name, when the server keeps one apart from the id. */
  readonly name?: string;
  /** What the group is for, when set. */
  readonly description?: string;
  /** When the group was created. */
  readonly creationDate: Date;
}

/**
 * One statement of a policy.
 * @group Models
 */
export interface PolicyStatement {
  /** `allow` or `deny`. */
  readonly effect: string;
  /** An ARN pattern, e.g. `arn:lakefs:fs:::repository/my-repo/*` or `*`. */
  readonly resource: string;
  /** Actions, e.g. `fs:ReadObject`, `fs:*`. */
  readonly action: readonly string[];
}

/**
 * A policy: named statements, attached to users or groups.
 * @group Models
 */
export interface PolicyDetails {
  /** The policy id. */
  readonly id: string;
  /** When the policy was created, when the server says. */
  readonly creationDate?: Date;
  /** Its statements; a `deny` wins over an `allow`. */
  readonly statement: readonly PolicyStatement[];
}

/**
 * An access key (the secret is shown only once, at creation).
 * @group Models
 */
export interface AccessKey {
  /** The public half of the pair, e.g. `AKIAJ…`. */
  readonly accessKeyId: string;
  /** When the key was created. */
  readonly creationDate: Date;
}

/**
 * A key pair just created: the only time its secret is known.
 * @group Models
 */
export interface NewAccessKey extends AccessKey {
  /** The secret half: store it now, lakeFS never returns it again. */
  readonly secretAccessKey: string;
}

const date = (seconds: number): Date => new Date(seconds * 1000);

export const toUser = (u: wire.User): UserDetails => ({
  id: u.id,
  creationDate: date(u.creation_date),
  ...(u.friendly_name ? { friendlyName: u.friendly_name } : {}),
  ...(u.email ? { email: u.email } : {}),
});

export const toGroup = (g: wire.Group): GroupDetails => ({
  id: g.id,
  creationDate: date(g.creation_date),
  ...(g.name ? { name: g.name } : {}),
  ...(g.description ? { description: g.description } : {}),
});

export const toPolicy = (p: wire.Policy): PolicyDetails => ({
  id: p.id,
  ...(p.creation_date ? { creationDate: date(p.creation_date) } : {}),
  statement: p.statement.map((s) => ({ effect: s.effect, resource: s.resource, action: s.action })),
});

export const toAccessKey = (c: wire.Credentials): AccessKey => ({
  accessKeyId: c.access_key_id,
  creationDate: date(c.creation_date),
});
