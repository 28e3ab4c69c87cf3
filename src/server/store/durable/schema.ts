/** The metadata database's format; a directory with another value is refused, never rewritten. */
export const FORMAT = 'lakefs-rx-data-dir/1';

/** The file under the data directory that holds all metadata. */
export const DATABASE_FILE = 'lakefs-rx.sqlite';

/**
 * Tables. Object bytes are files next to the database; tree nodes are content-addressed and shared by
 * every commit (and repository) that contains them. A staging row's `branch` column holds a staging token:
 * `branch_staging` lists a branch's tokens (live first, then those sealed by a running commit; a branch
 * without a row has one token, its own id); `dropped_staging` lists tokens whose rows are being deleted
 * in the background. Tables added later are created on open, so older directories keep working.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS repositories (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS repository_metadata (repo TEXT, key TEXT, value TEXT NOT NULL, PRIMARY KEY (repo, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS used_namespaces (namespace TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS branches (repo TEXT, id TEXT, commit_id TEXT NOT NULL, hidden INTEGER NOT NULL, PRIMARY KEY (repo, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tags (repo TEXT, id TEXT, commit_id TEXT NOT NULL, PRIMARY KEY (repo, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commits (repo TEXT, id TEXT, json TEXT NOT NULL, PRIMARY KEY (repo, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staging (repo TEXT, branch TEXT, path TEXT, entry TEXT, PRIMARY KEY (repo, branch, path)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nodes (id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reserved_addresses (address TEXT PRIMARY KEY, issued INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imports (id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS branch_staging (repo TEXT, branch TEXT, tokens TEXT NOT NULL, PRIMARY KEY (repo, branch)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dropped_staging (repo TEXT, token TEXT, PRIMARY KEY (repo, token)) WITHOUT ROWID;
`;
