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

  users(options: ListAdminOptions = {}): Observable<UserDetails> {
    return defer(() =>
      paginate((after, amount) => this.ctx.api.listUsers({ prefix: options.prefix, after, amount }), options),
    ).pipe(map(toUser));
  }

  user(id: string): UserHandle {
    return new UserHandle(this.ctx, id);
  }

  groups(options: ListAdminOptions = {}): Observable<GroupDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listGroups({ prefix: options.prefix, after, amount }),
        options,
      ),
    ).pipe(map(toGroup));
  }

  group(id: string): GroupHandle {
    return new GroupHandle(this.ctx, id);
  }

  policies(options: ListAdminOptions = {}): Observable<PolicyDetails> {
    return defer(() =>
      paginate(
        (after, amount) => this.ctx.api.listPolicies({ prefix: options.prefix, after, amount }),
        options,
      ),
    ).pipe(map(toPolicy));
  }

  policy(id: string): PolicyHandle {
    return new PolicyHandle(this.ctx, id);
  }
}
