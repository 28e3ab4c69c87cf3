import { type Observable, defer, map } from 'rxjs';
import type { ClientContext } from '../ClientContext';
import { type PolicyDetails, type PolicyStatement, toPolicy } from './adminModels';
import { orExisting, orMissing } from './existence';
import { requireId } from './requireId';

const wireStatements = (statement: readonly PolicyStatement[]) =>
  statement.map((s) => ({ effect: s.effect, resource: s.resource, action: [...s.action] }));

/**
 * A lazy handle on a policy (from `lakefs.admin().policy(id)`).
 * @group Resources
 */
export class PolicyHandle {
  constructor(
    private readonly ctx: ClientContext,
    /** The policy id. */
    readonly id: string,
  ) {}

  /**
   * Creates the policy; with `existOk` an existing one is emitted (unchanged) instead of `ConflictError`.
   * @throws {ConflictError} through the Observable, when the policy exists (unless `existOk`)
   * @throws {BadRequestError} through the Observable, for a statement lakeFS does not accept
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty policy id (nothing sent)
   * @example
   * lakefs.admin().policy('ReadMyRepo')
   *   .create([{ effect: 'allow', action: ['fs:Read*', 'fs:List*'], resource: 'arn:lakefs:fs:::repository/my-repo/*' }])
   *   .subscribe();
   */
  create(
    statement: readonly PolicyStatement[],
    options: { existOk?: boolean } = {},
  ): Observable<PolicyDetails> {
    return defer(() =>
      this.ctx.api.createPolicy({
        id: requireId('policy id', this.id),
        statement: wireStatements(statement),
      }),
    ).pipe(
      map(toPolicy),
      orExisting(options.existOk, () => this.get()),
    );
  }

  /**
   * The policy and its statements.
   * @throws {NotFoundError} through the Observable, when there is no such policy
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty policy id (nothing sent)
   * @example
   * lakefs.admin().policy('ReadMyRepo').get().subscribe((policy) => console.log(policy.statement));
   */
  get(): Observable<PolicyDetails> {
    return defer(() => this.ctx.api.getPolicy(requireId('policy id', this.id))).pipe(map(toPolicy));
  }

  /**
   * Replaces the policy's statements.
   * @throws {NotFoundError} through the Observable, when there is no such policy
   * @throws {BadRequestError} through the Observable, for a statement lakeFS does not accept
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty policy id (nothing sent)
   * @example
   * lakefs.admin().policy('ReadMyRepo').update([{ effect: 'allow', action: ['fs:*'], resource: '*' }]).subscribe();
   */
  update(statement: readonly PolicyStatement[]): Observable<PolicyDetails> {
    return defer(() =>
      this.ctx.api.updatePolicy(requireId('policy id', this.id), {
        id: this.id,
        statement: wireStatements(statement),
      }),
    ).pipe(map(toPolicy));
  }

  /**
   * Deletes the policy (it is detached from everyone); `missingOk` ignores a missing one.
   * @throws {NotFoundError} through the Observable, when there is no such policy (unless `missingOk`)
   * @throws {UnsupportedOperationError} through the Observable, on a lakeFS in basic auth mode (the open-source default), which has no groups or policies
   * @throws {ValidationError} through the Observable, for an empty policy id (nothing sent)
   * @example
   * lakefs.admin().policy('ReadMyRepo').delete({ missingOk: true }).subscribe();
   */
  delete(options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() => this.ctx.api.deletePolicy(requireId('policy id', this.id))).pipe(
      orMissing(options.missingOk),
    );
  }
}
