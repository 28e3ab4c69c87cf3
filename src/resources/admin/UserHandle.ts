import { type Observable, defer, map } from 'rxjs';
import { paginate, type PaginateOptions } from '../../operators/paginate';
import type { ClientContext } from '../ClientContext';
import {
  type AccessKey,
  type NewAccessKey,
  type PolicyDetails,
  type GroupDetails,
  type UserDetails,
  toAccessKey,
  toGroup,
  toPolicy,
  toUser,
} from './adminModels';
import { orExisting, orMissing } from './existence';
import { requireId } from './requireId';

/**
 * A lazy handle on a user (from `lakefs.admin().user(id)`).
 * @group Resources
 */
export class UserHandle {
  constructor(
    private readonly ctx: ClientContext,
    /** The user id. */
    readonly id: string,
  ) {}

  /** Creates the user; with `existOk` an existing one is emitted instead of `ConflictError`. */
  create(options: { existOk?: boolean } = {}): Observable<UserDetails> {
    return defer(() => this.ctx.api.createUser({ id: requireId('user id', this.id) })).pipe(
      map(toUser),
      orExisting(options.existOk, () => this.get()),
    );
  }

  get(): Observable<UserDetails> {
    return defer(() => this.ctx.api.getUser(requireId('user id', this.id))).pipe(map(toUser));
  }

  /** Deletes the user (its keys and memberships go with it); `missingOk` ignores a missing one. */
  delete(options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() => this.ctx.api.deleteUser(requireId('user id', this.id))).pipe(
      orMissing(options.missingOk),
    );
  }

  /** The user's access keys, lazily paged. */
  accessKeys(options: PaginateOptions = {}): Observable<AccessKey> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listUserCredentials(requireId('user id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toAccessKey));
  }

  /** Creates a key pair for the user: the only time the secret is returned. */
  createAccessKey(): Observable<NewAccessKey> {
    return defer(() => this.ctx.api.createCredentials(requireId('user id', this.id))).pipe(
      map((c) => ({ ...toAccessKey(c), secretAccessKey: c.secret_access_key })),
    );
  }

  /** Deletes one of the user's keys; `missingOk` ignores a missing one. */
  deleteAccessKey(accessKeyId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.deleteCredentials(requireId('user id', this.id), requireId('access key id', accessKeyId)),
    ).pipe(orMissing(options.missingOk));
  }

  /** The groups the user belongs to. */
  groups(options: PaginateOptions = {}): Observable<GroupDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listUserGroups(requireId('user id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toGroup));
  }

  /** Policies attached to the user; with `effective`, also those of its groups. */
  policies(options: PaginateOptions & { effective?: boolean } = {}): Observable<PolicyDetails> {
    return defer(() =>
      paginate(
        (after, amount) =>
          this.ctx.api.listUserPolicies(requireId('user id', this.id), {
            after,
            amount,
            ...(options.effective ? { effective: true } : {}),
          }),
        options,
      ),
    ).pipe(map(toPolicy));
  }

  attachPolicy(policyId: string): Observable<void> {
    return defer(() =>
      this.ctx.api.attachPolicyToUser(requireId('user id', this.id), requireId('policy id', policyId)),
    );
  }

  detachPolicy(policyId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.detachPolicyFromUser(requireId('user id', this.id), requireId('policy id', policyId)),
    ).pipe(orMissing(options.missingOk));
  }
}
