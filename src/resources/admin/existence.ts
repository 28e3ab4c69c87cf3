import { type Observable, catchError, of, throwError } from 'rxjs';
import { ConflictError, NotFoundError } from '../../errors/ServerError';

/** With `existOk`, a 409 on create becomes `fallback()` (the existing entity). */
export function orExisting<T>(existOk: boolean | undefined, fallback: () => Observable<T>) {
  return catchError<T, Observable<T>>((error: unknown) =>
    existOk && error instanceof ConflictError ? fallback() : throwError(() => error),
  );
}

/** With `missingOk`, a 404 on delete completes as a success. */
export function orMissing(missingOk: boolean | undefined) {
  return catchError<void, Observable<void>>((error: unknown) =>
    missingOk && error instanceof NotFoundError ? of(undefined) : throwError(() => error),
  );
}
