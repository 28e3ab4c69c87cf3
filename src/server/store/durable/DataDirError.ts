/**
 * A data directory the server refuses to use (foreign, corrupt, unwritable); the message says why.
 * @group Errors
 */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}
