import { type Observable, defer, map, mergeMap } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import type { ClientContext } from './ClientContext';
import { validateRepositoryId } from './validate';

/**
 * A repository's branch protection rules.
 * @group Models
 */
export interface BranchProtectionRules {
  /** Globs (`*`, `?`) matched against branch ids; a matching branch refuses writes, commits and resets. */
  readonly patterns: readonly string[];
  /** Pass to {@link BranchProtection.set} to replace the rules only if nobody changed them since. */
  readonly etag: string;
}

/**
 * A lazy handle on a repository's branch protection rules (from `repo.branchProtection()`).
 * @example
 * repo.branchProtection().update((patterns) => [...patterns, 'release-*']).subscribe();
 * @group Resources
 */
export class BranchProtection {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
  ) {}

  /**
   * The current rules and their ETag.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.branchProtection().get().subscribe(({ patterns }) => console.log('protected:', patterns));
   */
  get(): Observable<BranchProtectionRules> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return this.ctx.api
        .getBranchProtectionRulesWithETag(this.repositoryId)
        .pipe(map(({ rules, etag }) => ({ patterns: rules.map((r) => r.pattern), etag })));
    });
  }

  /**
   * Replaces all rules. With `ifMatch` (an ETag from {@link get}) the server refuses with
   * `PreconditionFailedError` when the rules changed meanwhile; the empty ETag of a repository that never
   * had rules conditions nothing. lakeFS caches settings for about a second, so a rule takes effect, and
   * shows in {@link get}, shortly after it is set.
   * @throws {PreconditionFailedError} through the Observable, with `ifMatch` when the rules changed since
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or an empty pattern (nothing sent)
   * @example
   * repo.branchProtection().set(['main', 'release-*']).subscribe();
   */
  set(patterns: readonly string[], options: { ifMatch?: string } = {}): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      const empty = patterns.findIndex((p) => typeof p !== 'string' || p === '');
      if (empty >= 0) throw new ValidationError('pattern', `pattern ${empty} must be a non-empty string`);
      return this.ctx.api.setBranchProtectionRules(
        this.repositoryId,
        patterns.map((pattern) => ({ pattern })),
        // lakeFS refuses an empty If-Match (the ETag of a repository that never had rules) with 400
        options.ifMatch ? { ifMatch: options.ifMatch } : {},
      );
    });
  }

  /**
   * Reads the rules, applies `change`, and writes the result conditioned on the ETag read, so a concurrent
   * change fails with `PreconditionFailedError` instead of being overwritten.
   * @throws {PreconditionFailedError} through the Observable, when the rules changed between read and write
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, when `change` returns an empty pattern (nothing sent)
   * @example
   * repo.branchProtection().update((patterns) => patterns.filter((p) => p !== 'dev')).subscribe();
   */
  update(change: (patterns: readonly string[]) => readonly string[]): Observable<void> {
    return this.get().pipe(mergeMap(({ patterns, etag }) => this.set(change(patterns), { ifMatch: etag })));
  }
}
