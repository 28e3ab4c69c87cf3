import { accessSync, constants, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import { DataDirError } from './DataDirError';
import type { SqliteConstructor } from './loadSqlite';
import { DATABASE_FILE, FORMAT, SCHEMA } from './schema';

/**
 * Crash tests only: `LAKEFS_RX_TEST_KILL=<sql fragment>@<n>` kills the process (SIGKILL) at the n-th write
 * whose SQL contains the fragment, `…@commit` right before committing the transaction holding such a write.
 */
const KILL = /^(.+)@(\d+|commit)$/.exec(process.env.LAKEFS_RX_TEST_KILL ?? '');

/** Files a fresh data directory may already hold (left by tools, not by another program's data). */
const HARMLESS = new Set(['.DS_Store', 'lost+found']);

function checkWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new DataDirError(
      `data directory ${dir} is not writable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/**
 * The metadata database of a data directory (SQLite in WAL mode, `synchronous=FULL`). Writes made during
 * one synchronous run of the event loop form one transaction, committed by {@link MetadataDb.flush} —
 * which the server calls before any response leaves, so whatever a response acknowledges is on disk, and a
 * store operation (all synchronous) is all or nothing.
 */
export class MetadataDb {
  private readonly statements = new Map<string, Statement>();
  private flushScheduled = false;
  private killMatches = 0;
  private killAtCommit = false;

  private constructor(
    readonly db: Database,
    readonly dir: string,
  ) {}

  /**
   * Opens (or initialises, when empty) a data directory. A directory holding other files, another format
   * or a damaged database is refused with a {@link DataDirError}, never reinitialised.
   * @param dir - the data directory
   * @param Sqlite - the better-sqlite3 constructor
   * @returns the open database
   */
  static open(dir: string, Sqlite: SqliteConstructor): MetadataDb {
    const root = resolve(dir);
    checkWritable(root);
    const file = join(root, DATABASE_FILE);
    const fresh = !existsSync(file);
    if (fresh) {
      const foreign = readdirSync(root).filter((name) => !HARMLESS.has(name));
      if (foreign.length > 0)
        throw new DataDirError(
          `data directory ${root} is not empty and holds no ${DATABASE_FILE}: refusing to use a directory ` +
            `another program may own (found ${foreign.slice(0, 3).join(', ')}); choose an empty or new directory`,
        );
    }
    let db: Database | undefined;
    try {
      db = new Sqlite(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      if (fresh) {
        db.exec(SCHEMA);
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('format', FORMAT);
      }
      const format = (
        db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value: string } | undefined
      )?.value;
      if (format !== FORMAT)
        throw new DataDirError(
          `data directory ${root}: ${DATABASE_FILE} has format ${format ?? 'none'}, expected ${FORMAT}; refusing to use it`,
        );
      db.exec(SCHEMA);
    } catch (error) {
      db?.close();
      if (error instanceof DataDirError) throw error;
      throw new DataDirError(
        `data directory ${root}: ${DATABASE_FILE} is not a readable lakefs-rx database (${
          error instanceof Error ? error.message : String(error)
        }); refusing to use it`,
      );
    }
    return new MetadataDb(db, root);
  }

  /** A cached prepared statement. */
  sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /**
   * Runs a write inside the current transaction (opened on first use, committed at the next flush).
   * @param text - the SQL
   * @param params - its parameters
   */
  write(text: string, ...params: unknown[]): void {
    this.change(text, ...params);
  }

  /**
   * {@link MetadataDb.write}, telling how many rows changed.
   * @returns the number of rows the statement changed
   */
  change(text: string, ...params: unknown[]): number {
    // a background job (an import) finishing after the server closed: nothing is acknowledged any more
    if (!this.db.open) return 0;
    if (!this.db.inTransaction) this.db.exec('BEGIN');
    if (KILL && text.includes(KILL[1] as string)) this.crashPoint(KILL[2] as string);
    const { changes } = this.sql(text).run(...params);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // writes made outside a request (background imports) are committed once the current run ends
      setImmediate(() => this.flush());
    }
    return changes;
  }

  /** Commits the open transaction, if any; returns once it is durable. */
  flush(): void {
    this.flushScheduled = false;
    if (!this.db.open) return;
    if (this.killAtCommit) process.kill(process.pid, 'SIGKILL');
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  private crashPoint(at: string): void {
    if (at === 'commit') this.killAtCommit = true;
    else if (++this.killMatches === Number(at)) process.kill(process.pid, 'SIGKILL');
  }

  /** A value of the `meta` table. */
  getMeta(key: string): string | undefined {
    return (this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
      ?.value;
  }

  /** Sets a value of the `meta` table (in the current transaction). */
  setMeta(key: string, value: string): void {
    this.write('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', key, value);
  }

  /** Commits and closes. */
  close(): void {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }
}
