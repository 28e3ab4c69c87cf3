import { type Observable, catchError, defer, map, mergeMap, of, throwError } from 'rxjs';
import { ConflictError, NotFoundError } from '../errors/ServerError';
import type { ClientContext } from './ClientContext';
import { Reference } from './Reference';
import { validateBranchId, validateRef, validateRepositoryId } from './validate';

/** Options of {@link Branch.create}. */
export interface CreateBranchOptions {
  /** When the branch exists, emit it instead of failing with `ConflictError`. @default false */
  readonly existOk?: boolean;
  /** Hide the branch from `branches()` listings. @default false */
  readonly hidden?: boolean;
}

/** A lazy handle on a branch: a reference you can write to. */
export class Branch extends Reference {
  constructor(ctx: ClientContext, repositoryId: string, id: string) {
    super(ctx, repositoryId, id);
  }

  /** Creates the branch from `source` (a ref expression or handle). */
  create(source: string | Reference, options: CreateBranchOptions = {}): Observable<Branch> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateBranchId(this.id);
      const sourceRef = validateRef(typeof source === 'string' ? source : source.id);
      return this.ctx.api
        .createBranch(this.repositoryId, {
          name: this.id,
          source: sourceRef,
          ...(options.hidden ? { hidden: true } : {}),
        })
        .pipe(
          map(() => this as Branch),
          catchError((error: unknown) =>
            options.existOk && error instanceof ConflictError
              ? this.ctx.api.getBranch(this.repositoryId, this.id).pipe(map(() => this as Branch))
              : throwError(() => error),
          ),
        );
    });
  }

  /** Deletes the branch (uncommitted changes are dropped). */
  delete(options: { missingOk?: boolean; force?: boolean } = {}): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateBranchId(this.id);
      return this.ctx.api
        .deleteBranch(this.repositoryId, this.id, options.force ? { force: true } : {})
        .pipe(
          catchError((error: unknown) =>
            options.missingOk && error instanceof NotFoundError ? of(undefined) : throwError(() => error),
          ),
        );
    });
  }

  /** A handle on the commit the branch points at now. */
  head(): Observable<Reference> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateBranchId(this.id);
      return this.ctx.api
        .getBranch(this.repositoryId, this.id)
        .pipe(mergeMap((ref) => of(new Reference(this.ctx, this.repositoryId, ref.commit_id))));
    });
  }
}
