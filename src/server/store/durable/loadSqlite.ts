import type BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 constructor. */
export type SqliteConstructor = typeof BetterSqlite3;

/**
 * Raised when `--data-dir` is used without the optional native dependency installed.
 * @group Errors
 */
export class MissingSqliteError extends Error {
  constructor() {
    super(
      'a data directory needs the optional dependency better-sqlite3, which is not installed: ' +
        'run `npm install better-sqlite3@12` in your project (memory mode needs nothing)',
    );
    this.name = 'MissingSqliteError';
  }
}

// a variable, so bundlers leave the native module out of any bundle (it must never reach a browser app)
const MODULE = 'better-sqlite3';

/**
 * Loads better-sqlite3 on first use of a data directory only: it is an optional peer dependency, so
 * memory mode and browser bundles never touch it.
 * @returns the Database constructor
 */
export async function loadSqlite(): Promise<SqliteConstructor> {
  try {
    // CommonJS builds resolve it like any require (NODE_PATH included); the ESM build imports it. Bundlers
    // shim `require` in ESM output, so CommonJS is told apart by `__filename`, which they leave alone.
    const loaded =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a native module, resolved at run time
      (typeof __filename === 'string' ? require(MODULE) : await import(MODULE)) as {
        default?: SqliteConstructor;
      } & SqliteConstructor;
    return loaded.default ?? loaded;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' || /Cannot find/.test(String(error)))
      throw new MissingSqliteError();
    throw error;
  }
}
