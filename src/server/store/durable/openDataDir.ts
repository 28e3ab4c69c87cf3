import { DurableRecords } from './DurableRecords';
import { loadSqlite } from './loadSqlite';
import { MetadataDb } from './MetadataDb';

/** An open data directory: its metadata database and the records the server state reads. */
export interface OpenDataDir {
  readonly db: MetadataDb;
  readonly records: DurableRecords;
  /** A secret kept in the directory: the stored one, or `make()`'s, stored now. */
  secret(name: string, make: () => string): string;
}

/**
 * Opens a data directory for the server (loading better-sqlite3 only now), refusing a foreign, damaged or
 * unwritable one with a `DataDirError`.
 * @param dir - the directory (created when missing)
 * @returns the open directory
 */
export async function openDataDir(dir: string): Promise<OpenDataDir> {
  const db = MetadataDb.open(dir, await loadSqlite());
  return {
    db,
    records: new DurableRecords(db),
    secret: (name, make) => {
      const key = `secret.${name}`;
      const kept = db.getMeta(key);
      if (kept !== undefined) return kept;
      const made = make();
      db.setMeta(key, made);
      return made;
    },
  };
}
