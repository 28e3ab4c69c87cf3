import type { EntryRecord, Staging } from '../types';
import { decodeEntry, encodeEntry, type StoredEntry } from './entryCodec';
import type { MetadataDb } from './MetadataDb';

/** Rows read per query while walking (better-sqlite3 forbids other statements during an open iterator). */
const PAGE = 512;

type Row = { path: string; entry: string | null };

const decode = (entry: string | null): EntryRecord | null =>
  entry === null ? null : decodeEntry(JSON.parse(entry) as StoredEntry);

/** A branch's staging area as rows of the metadata database: nothing of it is held in memory. */
export class SqliteStaging implements Staging {
  constructor(
    private readonly db: MetadataDb,
    private readonly repo: string,
    private readonly branch: string,
  ) {}

  get(key: string): EntryRecord | null | undefined {
    const row = this.db
      .sql('SELECT entry FROM staging WHERE repo = ? AND branch = ? AND path = ?')
      .get(this.repo, this.branch, key) as { entry: string | null } | undefined;
    return row ? decode(row.entry) : undefined;
  }

  set(key: string, value: EntryRecord | null): boolean {
    this.db.write(
      'INSERT OR REPLACE INTO staging (repo, branch, path, entry) VALUES (?, ?, ?, ?)',
      this.repo,
      this.branch,
      key,
      value === null ? null : JSON.stringify(encodeEntry(value)),
    );
    return true;
  }

  delete(key: string): boolean {
    this.db.write(
      'DELETE FROM staging WHERE repo = ? AND branch = ? AND path = ?',
      this.repo,
      this.branch,
      key,
    );
    return true;
  }

  *entries(from = ''): IterableIterator<[string, EntryRecord | null]> {
    let rows = this.page('>=', from);
    while (rows.length > 0) {
      for (const row of rows) yield [row.path, decode(row.entry)];
      if (rows.length < PAGE) return;
      rows = this.page('>', (rows[rows.length - 1] as Row).path);
    }
  }

  forEachPair(visit: (key: string, value: EntryRecord | null) => void): void {
    for (const [k, v] of this.entries()) visit(k, v);
  }

  clear(): void {
    this.db.write('DELETE FROM staging WHERE repo = ? AND branch = ?', this.repo, this.branch);
  }

  private page(op: '>=' | '>', from: string): Row[] {
    return this.db
      .sql(
        `SELECT path, entry FROM staging WHERE repo = ? AND branch = ? AND path ${op} ? ORDER BY path LIMIT ${PAGE}`,
      )
      .all(this.repo, this.branch, from) as Row[];
  }
}
