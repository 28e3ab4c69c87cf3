import { type Observable, defer, map } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import type { ClientContext } from './ClientContext';
import { validateRepositoryId } from './validate';

/**
 * How long garbage collection keeps unreachable objects: a default and per-branch overrides, in days.
 * @group Models
 */
export interface GcRules {
  readonly defaultRetentionDays: number;
  readonly branches: readonly { readonly branchId: string; readonly retentionDays: number }[];
}

const isDays = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n);

/**
 * A lazy handle on a repository's garbage-collection rules (from `repo.gcRules()`).
 * @group Resources
 */
export class GarbageCollectionRules {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
  ) {}

  /** The rules; `NotFoundError` when none were set. */
  get(): Observable<GcRules> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return this.ctx.api.getGCRules(this.repositoryId).pipe(
        map((r) => ({
          defaultRetentionDays: r.default_retention_days,
          branches: r.branches.map((b) => ({ branchId: b.branch_id, retentionDays: b.retention_days })),
        })),
      );
    });
  }

  /** Replaces the rules. */
  set(rules: GcRules): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      if (!isDays(rules.defaultRetentionDays) || rules.branches.some((b) => !isDays(b.retentionDays)))
        throw new ValidationError('retention days', 'retention days must be whole numbers');
      return this.ctx.api.setGCRules(this.repositoryId, {
        default_retention_days: rules.defaultRetentionDays,
        branches: rules.branches.map((b) => ({ branch_id: b.branchId, retention_days: b.retentionDays })),
      });
    });
  }

  /** Removes the rules (no error when there were none). */
  delete(): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return this.ctx.api.deleteGCRules(this.repositoryId);
    });
  }
}
