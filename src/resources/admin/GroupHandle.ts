import { type Observable, defer, map } from 'rxjs';
import { paginate, type PaginateOptions } from '../../operators/paginate';
import type { ClientContext } from '../ClientContext';
import {
  type GroupDetails,
  type PolicyDetails,
  type UserDetails,
  toGroup,
  toPolicy,
  toUser,
} from './adminModels';
import { orExisting, orMissing } from './existence';
import { requireId } from './requireId';

/**
 * A lazy handle on a group (from `lakefs.admin().group(id)`).
 * @group Resources
 */
export class GroupHandle {
  constructor(
    private readonly ctx: ClientContext,
    /** The group id. */
    readonly id: string,
  ) {}

  /**
   * Creates the group; with `existOk` an existing one is emitted instead of `ConflictError`.
   * @throws {ConflictError} through the Observable, when the group exists (unless `existOk`)
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').create({ description: 'read-only data users', existOk: true }).subscribe();
   */
  create(options: { description?: string; existOk?: boolean } = {}): Observable<GroupDetails> {
    return defer(() =>
      this.ctx.api.createGroup({
        id: requireId('group id', this.id),
        ...(options.description ? { description: options.description } : {}),
      }),
    ).pipe(
      map(toGroup),
      orExisting(options.existOk, () => this.get()),
    );
  }

  /**
   * The group's details.
   * @throws {NotFoundError} through the Observable, when there is no such group
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').get().subscribe((group) => console.log(group.description));
   */
  get(): Observable<GroupDetails> {
    return defer(() => this.ctx.api.getGroup(requireId('group id', this.id))).pipe(map(toGroup));
  }

  /**
   * Deletes the group (its members stay); `missingOk` ignores a missing one.
   * @throws {NotFoundError} through the Observable, when there is no such group (unless `missingOk`)
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id (nothing sent)
   * @example
   * lakefs.admin().group('old-team').delete({ missingOk: true }).subscribe();
   */
  delete(options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() => this.ctx.api.deleteGroup(requireId('group id', this.id))).pipe(
      orMissing(options.missingOk),
    );
  }

  /**
   * The group's members, lazily paged.
   * @throws {NotFoundError} through the Observable, when there is no such group
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').members().subscribe((user) => console.log(user.id));
   */
  members(options: PaginateOptions = {}): Observable<UserDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listGroupMembers(requireId('group id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toUser));
  }

  /**
   * Adds the user `userId` to the group.
   * @throws {NotFoundError} through the Observable, when the group or user does not exist
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id or user id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').addMember('ada').subscribe();
   */
  addMember(userId: string): Observable<void> {
    return defer(() =>
      this.ctx.api.addGroupMembership(requireId('group id', this.id), requireId('user id', userId)),
    );
  }

  /**
   * Removes the user `userId` from the group; `missingOk` ignores one that is not a member.
   * @throws {NotFoundError} through the Observable, when the group, user or membership does not exist (unless `missingOk`)
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id or user id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').removeMember('ada', { missingOk: true }).subscribe();
   */
  removeMember(userId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.deleteGroupMembership(requireId('group id', this.id), requireId('user id', userId)),
    ).pipe(orMissing(options.missingOk));
  }

  /**
   * The policies attached to the group, lazily paged.
   * @throws {NotFoundError} through the Observable, when there is no such group
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').policies().subscribe((policy) => console.log(policy.id));
   */
  policies(options: PaginateOptions = {}): Observable<PolicyDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listGroupPolicies(requireId('group id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toPolicy));
  }

  /**
   * Attaches the policy `policyId` to the group.
   * @throws {NotFoundError} through the Observable, when the group or policy does not exist
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id or policy id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').attachPolicy('FSReadAll').subscribe();
   */
  attachPolicy(policyId: string): Observable<void> {
    return defer(() =>
      this.ctx.api.attachPolicyToGroup(requireId('group id', this.id), requireId('policy id', policyId)),
    );
  }

  /**
   * Detaches the policy `policyId` from the group; `missingOk` ignores one that is not attached.
   * @throws {NotFoundError} through the Observable, when the group, policy or attachment does not exist (unless `missingOk`)
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty group id or policy id (nothing sent)
   * @example
   * lakefs.admin().group('analysts').detachPolicy('FSReadAll', { missingOk: true }).subscribe();
   */
  detachPolicy(policyId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.detachPolicyFromGroup(requireId('group id', this.id), requireId('policy id', policyId)),
    ).pipe(orMissing(options.missingOk));
  }
}
