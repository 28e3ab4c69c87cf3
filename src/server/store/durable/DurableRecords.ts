import type { BranchRecord, RepositoryRecord } from '../types';
import { CommitMap } from './CommitMap';
import { DurableBranch } from './DurableBranch';
import type { MetadataDb } from './MetadataDb';
import { SqliteNodeSource } from './SqliteNodeSource';
import { WriteThroughMap, WriteThroughSet } from './WriteThroughMap';

/** The scalar fields of a repository, as stored. */
type RepositoryFields = Pick<
  RepositoryRecord,
  'id' | 'creationDate' | 'defaultBranch' | 'storageNamespace' | 'readOnly'
>;

/** The tables that hold one repository (deleted with it). */
const REPOSITORY_TABLES = ['repository_metadata', 'branches', 'tags', 'commits', 'staging'];

/**
 * The server's records in the metadata database: repositories with their branches, tags and metadata
 * are read at start (they do not grow with the number of objects); commits, trees and staging areas are
 * read when used.
 */
export class DurableRecords {
  /** Tree nodes of every repository. */
  readonly nodes: SqliteNodeSource;

  constructor(readonly db: MetadataDb) {
    this.nodes = new SqliteNodeSource(db);
  }

  /** @returns every stored repository */
  loadRepositories(): Map<string, RepositoryRecord> {
    const rows = this.db.sql('SELECT json FROM repositories').all() as { json: string }[];
    const out = new Map<string, RepositoryRecord>();
    for (const row of rows) {
      const fields = JSON.parse(row.json) as RepositoryFields;
      out.set(fields.id, this.repository(fields));
    }
    return out;
  }

  /** Stores a new repository (its collections start empty). */
  createRepository(fields: RepositoryFields): RepositoryRecord {
    const { id, creationDate, defaultBranch, storageNamespace, readOnly } = fields;
    this.db.write(
      'INSERT INTO repositories (id, json) VALUES (?, ?)',
      id,
      JSON.stringify({ id, creationDate, defaultBranch, storageNamespace, readOnly }),
    );
    return this.repository(fields);
  }

  /** Removes a repository and everything it holds (its tree nodes go when nothing else uses them). */
  deleteRepository(id: string): void {
    this.db.write('DELETE FROM repositories WHERE id = ?', id);
    for (const table of REPOSITORY_TABLES) this.db.write(`DELETE FROM ${table} WHERE repo = ?`, id);
  }

  /**
   * Deletes every tree node not in `keep` (call only with the nodes of every stored commit).
   * @returns how many were deleted
   */
  removeNodesExcept(keep: ReadonlySet<string>): number {
    let removed = 0;
    for (const { id } of this.db.sql('SELECT id FROM nodes').all() as { id: string }[]) {
      if (keep.has(id)) continue;
      this.db.write('DELETE FROM nodes WHERE id = ?', id);
      removed++;
    }
    return removed;
  }

  /** Records an address handed out for a later upload (it may be linked until the link expires). */
  reserveAddress(address: string, at: number): void {
    this.db.write('INSERT OR REPLACE INTO reserved_addresses (address, issued) VALUES (?, ?)', address, at);
  }

  /** @returns the addresses reserved since `since` (older ones are forgotten) */
  reservedAddresses(since: number): string[] {
    this.db.write('DELETE FROM reserved_addresses WHERE issued < ?', since);
    return (this.db.sql('SELECT address FROM reserved_addresses').all() as { address: string }[]).map(
      (r) => r.address,
    );
  }

  /** @returns the namespaces ever used, written through */
  usedNamespaces(): Set<string> {
    const rows = this.db.sql('SELECT namespace FROM used_namespaces').all() as { namespace: string }[];
    return new WriteThroughSet(
      rows.map((r) => r.namespace),
      (ns) => this.db.write('INSERT OR IGNORE INTO used_namespaces (namespace) VALUES (?)', ns),
    );
  }

  private repository(fields: RepositoryFields): RepositoryRecord {
    const { db } = this;
    const repo = fields.id;
    const pairs = (table: string, value: string) =>
      (
        db.sql(`SELECT id, ${value} AS v FROM ${table} WHERE repo = ?`).all(repo) as {
          id: string;
          v: string;
        }[]
      ).map((r): [string, string] => [r.id, r.v]);
    const metadata = new WriteThroughMap<string>(
      (
        db.sql('SELECT key, value FROM repository_metadata WHERE repo = ?').all(repo) as {
          key: string;
          value: string;
        }[]
      ).map((r): [string, string] => [r.key, r.value]),
      {
        set: (k, v) =>
          db.write(
            'INSERT OR REPLACE INTO repository_metadata (repo, key, value) VALUES (?, ?, ?)',
            repo,
            k,
            v,
          ),
        delete: (k) => db.write('DELETE FROM repository_metadata WHERE repo = ? AND key = ?', repo, k),
      },
    );
    const tags = new WriteThroughMap<string>(pairs('tags', 'commit_id'), {
      set: (k, v) =>
        db.write('INSERT OR REPLACE INTO tags (repo, id, commit_id) VALUES (?, ?, ?)', repo, k, v),
      delete: (k) => db.write('DELETE FROM tags WHERE repo = ? AND id = ?', repo, k),
    });
    const branchRows = db.sql('SELECT id, commit_id, hidden FROM branches WHERE repo = ?').all(repo) as {
      id: string;
      commit_id: string;
      hidden: number;
    }[];
    const branches = new WriteThroughMap<BranchRecord>(
      branchRows.map((r): [string, BranchRecord] => [
        r.id,
        new DurableBranch(db, repo, r.id, r.commit_id, r.hidden === 1),
      ]),
      {
        set: (k, branch) => {
          db.write(
            'INSERT OR REPLACE INTO branches (repo, id, commit_id, hidden) VALUES (?, ?, ?, ?)',
            repo,
            k,
            branch.commitId,
            branch.hidden ? 1 : 0,
          );
          if (branch instanceof DurableBranch) return branch;
          const durable = new DurableBranch(db, repo, k, branch.commitId, branch.hidden);
          durable.staging = branch.staging;
          return durable;
        },
        delete: (k) => {
          db.write('DELETE FROM branches WHERE repo = ? AND id = ?', repo, k);
          db.write('DELETE FROM staging WHERE repo = ? AND branch = ?', repo, k);
        },
      },
    );
    return { ...fields, metadata, tags, branches, commits: new CommitMap(db, this.nodes, repo) };
  }
}
