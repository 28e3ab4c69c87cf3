import { type Observable, defer, map } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import type { ClientContext } from './ClientContext';
import { validateRepositoryId } from './validate';

/**
 * How long garbage collection keeps unreachable objects: a default and per-branch overrides, in days.
 * @group Models
 */
export interface GcRules {
  /** Days an object stays after it became unreachable, on branches without an override. */
  readonly defaultRetentionDays: number;
  /** Per-branch overrides: `retentionDays` for objects last reachable from `branchId`. */
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

  /**
   * The rules; `NotFoundError` when none were set.
   * @throws {NotFoundError} through the Observable, when no rules were set (or the repository does not exist)
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.gcRules().get().subscribe((rules) => console.log(rules.defaultRetentionDays, 'days'));
   */
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

  /**
   * Replaces the rules.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or retention days that are
   *   not whole numbers (nothing sent)
   * @example
   * repo.gcRules().set({ defaultRetentionDays: 21, branches: [{ branchId: 'main', retentionDays: 90 }] }).subscribe();
   */
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

  /**
   * Removes the rules (no error when there were none).
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.gcRules().delete().subscribe();
   */
  delete(): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return this.ctx.api.deleteGCRules(this.repositoryId);
    });
  }
}
