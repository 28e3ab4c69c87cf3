import { type Observable, catchError, defer, map, of, throwError } from 'rxjs';
import { ConflictError, NotFoundError } from '../errors/ServerError';
import type { ClientContext } from './ClientContext';
import { Reference } from './Reference';
import { validateRef, validateRepositoryId, validateTagId } from './validate';

/**
 * Options of {@link Tag.create}.
 * @group Resources
 */
export interface CreateTagOptions {
  /** When the tag exists, emit it instead of failing with `ConflictError` (it is not moved). @default false */
  readonly existOk?: boolean;
}

/**
 * A lazy handle on a tag: an immutable reference to a commit. Delete and re-create it to move it.
 * @group Resources
 */
export class Tag extends Reference {
  constructor(ctx: ClientContext, repositoryId: string, id: string) {
    super(ctx, repositoryId, id);
  }

  /**
   * Creates the tag at the commit `source` resolves to (a branch: its head commit).
   * @param source - a ref expression or handle
   * @param options - see {@link CreateTagOptions}
   * @returns this handle; fails with `ConflictError` when the tag exists (unless `existOk`)
   * @throws {ConflictError} through the Observable, when the tag exists (unless `existOk`; it is not moved)
   * @throws {NotFoundError} through the Observable, when the repository or `source` does not exist
   * @throws {BadRequestError} through the Observable, when `source` is not a commit (such as `main$`)
   * @throws {ValidationError} through the Observable, for a bad tag id or ref (nothing sent)
   * @example
   * repo.tag('v1.0').create('main').subscribe((tag) => console.log(`${tag}`)); // lakefs://my-repo/v1.0
   */
  create(source: string | Reference, options: CreateTagOptions = {}): Observable<Tag> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateTagId(this.id);
      const ref = validateRef(typeof source === 'string' ? source : source.id);
      return this.ctx.api.createTag(this.repositoryId, { id: this.id, ref }).pipe(
        map(() => this as Tag),
        catchError((error: unknown) =>
          options.existOk && error instanceof ConflictError
            ? this.ctx.api.getTag(this.repositoryId, this.id).pipe(map(() => this as Tag))
            : throwError(() => error),
        ),
      );
    });
  }

  /**
   * Deletes the tag (the commit stays).
   * @param options - `missingOk`: a missing tag is not an error (@default false)
   * @throws {NotFoundError} through the Observable, when the tag does not exist (unless `missingOk`)
   * @throws {ValidationError} through the Observable, for a bad repository or tag id (nothing sent)
   * @example
   * repo.tag('v1.0-rc1').delete({ missingOk: true }).subscribe();
   */
  delete(options: { readonly missingOk?: boolean } = {}): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateTagId(this.id);
      return this.ctx.api
        .deleteTag(this.repositoryId, this.id)
        .pipe(
          catchError((error: unknown) =>
            options.missingOk && error instanceof NotFoundError ? of(undefined) : throwError(() => error),
          ),
        );
    });
  }
}
