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

  /** Creates the group; with `existOk` an existing one is emitted instead of `ConflictError`. */
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

  get(): Observable<GroupDetails> {
    return defer(() => this.ctx.api.getGroup(requireId('group id', this.id))).pipe(map(toGroup));
  }

  delete(options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() => this.ctx.api.deleteGroup(requireId('group id', this.id))).pipe(
      orMissing(options.missingOk),
    );
  }

  /** The group's members, lazily paged. */
  members(options: PaginateOptions = {}): Observable<UserDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listGroupMembers(requireId('group id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toUser));
  }

  addMember(userId: string): Observable<void> {
    return defer(() =>
      this.ctx.api.addGroupMembership(requireId('group id', this.id), requireId('user id', userId)),
    );
  }

  removeMember(userId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.deleteGroupMembership(requireId('group id', this.id), requireId('user id', userId)),
    ).pipe(orMissing(options.missingOk));
  }

  policies(options: PaginateOptions = {}): Observable<PolicyDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listGroupPolicies(requireId('group id', this.id), { after, amount }),
        options,
      ),
    ).pipe(map(toPolicy));
  }

  attachPolicy(policyId: string): Observable<void> {
    return defer(() =>
      this.ctx.api.attachPolicyToGroup(requireId('group id', this.id), requireId('policy id', policyId)),
    );
  }

  detachPolicy(policyId: string, options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() =>
      this.ctx.api.detachPolicyFromGroup(requireId('group id', this.id), requireId('policy id', policyId)),
    ).pipe(orMissing(options.missingOk));
  }
}
