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

  /**
   * Creates the user; with `existOk` an existing one is emitted instead of `ConflictError`.
   * @throws {ConflictError} through the Observable, when the user exists (unless `existOk`)
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ci-bot').create({ existOk: true }).subscribe((user) => console.log(user.id));
   */
  create(options: { existOk?: boolean } = {}): Observable<UserDetails> {
    return defer(() => this.ctx.api.createUser({ id: requireId('user id', this.id) })).pipe(
      map(toUser),
      orExisting(options.existOk, () => this.get()),
    );
  }

  /**
   * The user's details.
   * @throws {NotFoundError} through the Observable, when there is no such user
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ada').get().subscribe((user) => console.log(user.friendlyName));
   */
  get(): Observable<UserDetails> {
    return defer(() => this.ctx.api.getUser(requireId('user id', this.id))).pipe(map(toUser));
  }

  /**
   * Deletes the user (its keys and memberships go with it); `missingOk` ignores a missing one.
   * @throws {NotFoundError} through the Observable, when there is no such user (unless `missingOk`)
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ci-bot').delete({ missingOk: true }).subscribe();
   */
  delete(options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() => this.ctx.api.deleteUser(requireId('user id', this.id))).pipe(
      orMissing(options.missingOk),
    );
  }

  /**
   * The user's access keys, lazily paged (without their secrets).
   * @throws {NotFoundError} through the Observable, when there is no such user
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ci-bot').accessKeys().subscribe((key) => console.log(key.accessKeyId));
   */
  accessKeys(options: PaginateOptions = {}): Observable<AccessKey> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listUserCredentials(requireId('user id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toAccessKey));
  }

  /**
   * Creates a key pair for the user: the only time the secret is returned.
   * @throws {NotFoundError} through the Observable, when there is no such user
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ci-bot').createAccessKey()
   *   .subscribe(({ accessKeyId, secretAccessKey }) => vault.store(accessKeyId, secretAccessKey));
   */
  createAccessKey(): Observable<NewAccessKey> {
    return defer(() => this.ctx.api.createCredentials(requireId('user id', this.id))).pipe(
      map((c) => ({ ...toAccessKey(c), secretAccessKey: c.secret_access_key })),
    );
  }

  /**
   * Deletes one of the user's keys; `missingOk` ignores a missing one.
   * @throws {NotFoundError} through the Observable, when the user or key does not exist (unless `missingOk`)
   * @throws {ValidationError} through the Observable, for an empty user id or access key id (nothing sent)
   * @example
   * lakefs.admin().user('ci-bot').deleteAccessKey('AKIAJ…', { missingOk: true }).subscribe();
   */
  deleteAccessKey(accessKeyId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.deleteCredentials(requireId('user id', this.id), requireId('access key id', accessKeyId)),
    ).pipe(orMissing(options.missingOk));
  }

  /**
   * The groups the user belongs to, lazily paged.
   * @throws {NotFoundError} through the Observable, when there is no such user
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ada').groups().subscribe((group) => console.log(group.id));
   */
  groups(options: PaginateOptions = {}): Observable<GroupDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listUserGroups(requireId('user id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toGroup));
  }

  /**
   * Policies attached to the user; with `effective`, also those of its groups.
   * @throws {NotFoundError} through the Observable, when there is no such user
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty user id (nothing sent)
   * @example
   * lakefs.admin().user('ada').policies({ effective: true }).subscribe((policy) => console.log(policy.id));
   */
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

  /**
   * Attaches the policy `policyId` to the user.
   * @throws {NotFoundError} through the Observable, when the user or policy does not exist
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty user id or policy id (nothing sent)
   * @example
   * lakefs.admin().user('ada').attachPolicy('FSReadAll').subscribe();
   */
  attachPolicy(policyId: string): Observable<void> {
    return defer(() =>
      this.ctx.api.attachPolicyToUser(requireId('user id', this.id), requireId('policy id', policyId)),
    );
  }

  /**
   * Detaches the policy `policyId` from the user; `missingOk` ignores one that is not attached.
   * @throws {NotFoundError} through the Observable, when the user, policy or attachment does not exist (unless `missingOk`)
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty user id or policy id (nothing sent)
   * @example
   * lakefs.admin().user('ada').detachPolicy('FSReadAll', { missingOk: true }).subscribe();
   */
  detachPolicy(policyId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.detachPolicyFromUser(requireId('user id', this.id), requireId('policy id', policyId)),
    ).pipe(orMissing(options.missingOk));
  }
}
