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

  /** Creates the policy; with `existOk` an existing one is emitted (unchanged) instead of `ConflictError`. */
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

  get(): Observable<PolicyDetails> {
    return defer(() => this.ctx.api.getPolicy(requireId('policy id', this.id))).pipe(map(toPolicy));
  }

  /** Replaces the policy's statements. */
  update(statement: readonly PolicyStatement[]): Observable<PolicyDetails> {
    return defer(() =>
      this.ctx.api.updatePolicy(requireId('policy id', this.id), {
        id: this.id,
        statement: wireStatements(statement),
      }),
    ).pipe(map(toPolicy));
  }

  delete(options: { missingOk?: boolean } = {}): Observable<void> {
    return defer(() => this.ctx.api.deletePolicy(requireId('policy id', this.id))).pipe(
      orMissing(options.missingOk),
    );
  }
}
