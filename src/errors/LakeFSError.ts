/**
 * Brand carried by every lakefs-rx error. `Symbol.for` names one symbol per realm whichever copy of the
 * package defined the class, so the ESM and the CommonJS builds (loaded side by side, each with its own
 * `LakeFSError` class) still recognise each other's errors, which `instanceof` cannot.
 */
const BRAND = Symbol.for('lakefs-rx.LakeFSError');

/**
 * Base class of every error lakefs-rx raises. Use {@link isLakeFSError} to narrow an unknown error.
 * @group Errors
 */
export class LakeFSError extends Error {
  /** @param message - what went wrong, never containing credentials */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Type guard: true when `error` was raised by lakefs-rx, by this copy of the package or by another one
 * (its ESM and CommonJS builds both loaded in one process).
 * @example
 * if (isLakeFSError(err)) console.error(err.message);
 * @group Errors
 */
export function isLakeFSError(error: unknown): error is LakeFSError {
  return (
    error instanceof LakeFSError ||
    (typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true)
  );
}
