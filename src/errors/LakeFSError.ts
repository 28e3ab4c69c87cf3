/**
 * Base class of every error lakefs-rx raises. Use {@link isLakeFSError} to narrow an unknown error.
 */
export class LakeFSError extends Error {
  /** @param message - what went wrong, never containing credentials */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Type guard: true when `error` was raised by lakefs-rx.
 * @example
 * if (isLakeFSError(err)) console.error(err.message);
 */
export function isLakeFSError(error: unknown): error is LakeFSError {
  return error instanceof LakeFSError;
}
