import { type Observable, catchError, defer, map, of, throwError } from 'rxjs';
import { ConflictError, NotFoundError } from '../errors/ServerError';
import type { ClientContext } from './ClientContext';
import { Reference } from './Reference';
import { validateRef, validateRepositoryId, validateTagId } from './validate';

/** A lazy handle on a tag: an immutable reference to a commit. */
export class Tag extends Reference {
  constructor(ctx: ClientContext, repositoryId: string, id: string) {
    super(ctx, repositoryId, id);
  }

  /** Creates the tag at `source`. With `existOk`, an existing tag is not an error. */
  create(source: string | Reference, options: { existOk?: boolean } = {}): Observable<Tag> {
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

  /** Deletes the tag. With `missingOk`, a missing tag is not an error. */
  delete(options: { missingOk?: boolean } = {}): Observable<void> {
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
