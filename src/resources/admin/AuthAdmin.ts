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
import { GroupHandle } from './GroupHandle';
import { PolicyHandle } from './PolicyHandle';
import { UserHandle } from './UserHandle';

/**
 * Options of the admin listings.
 * @group Resources
 */
export interface ListAdminOptions extends PaginateOptions {
  /** Only ids starting with this prefix. @default '' */
  readonly prefix?: string;
}

/**
 * Users, groups, policies and their keys, for admin tools (from `lakefs.admin()`). Listings are lazy and
 * paged; handles do no I/O until subscribed.
 * @example
 * lakefs.admin().user('ci-bot').create({ existOk: true }).pipe(switchMap(() => lakefs.admin().user('ci-bot').createAccessKey()))
 * @group Resources
 */
export class AuthAdmin {
  constructor(private readonly ctx: ClientContext) {}

  /**
   * A lazy, paged stream of the users.
   * @throws {NotAuthorizedError} through the Observable, when the caller may not list users
   * @example
   * lakefs.admin().users({ prefix: 'ci-' }).subscribe((user) => console.log(user.id, user.creationDate));
   */
  users(options: ListAdminOptions = {}): Observable<UserDetails> {
    return defer(() =>
      paginate((after, amount) => this.ctx.api.listUsers({ prefix: options.prefix, after, amount }), options),
    ).pipe(map(toUser));
  }

  /**
   * A handle on the user `id` (no I/O).
   * @example
   * lakefs.admin().user('ada').get().subscribe((user) => console.log(user.email));
   */
  user(id: string): UserHandle {
    return new UserHandle(this.ctx, id);
  }

  /**
   * A lazy, paged stream of the groups.
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @example
   * lakefs.admin().groups().subscribe((group) => console.log(group.id));
   */
  groups(options: ListAdminOptions = {}): Observable<GroupDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listGroups({ prefix: options.prefix, after, amount }),
        options,
      ),
    ).pipe(map(toGroup));
  }

  /**
   * A handle on the group `id` (no I/O).
   * @example
   * lakefs.admin().group('analysts').members().subscribe((user) => console.log(user.id));
   */
  group(id: string): GroupHandle {
    return new GroupHandle(this.ctx, id);
  }

  /**
   * A lazy, paged stream of the policies.
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @example
   * lakefs.admin().policies({ prefix: 'FS' }).subscribe((policy) => console.log(policy.id));
   */
  policies(options: ListAdminOptions = {}): Observable<PolicyDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listPolicies({ prefix: options.prefix, after, amount }),
        options,
      ),
    ).pipe(map(toPolicy));
  }

  /**
   * A handle on the policy `id` (no I/O).
   * @example
   * lakefs.admin().policy('ReadOnly').get().subscribe((p) => console.log(p.statement));
   */
  policy(id: string): PolicyHandle {
    return new PolicyHandle(this.ctx, id);
  }
}
