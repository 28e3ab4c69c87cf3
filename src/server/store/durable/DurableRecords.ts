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
const REPOSITORY_TABLES = [
  'repository_metadata',
  'branches',
  'tags',
  'commits',
  'staging',
  'branch_staging',
  'dropped_staging',
];

/** Staging rows of dropped tokens deleted per turn of the event loop. */
const SWEEP_ROWS = 2000;

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
    // tokens dropped by a process that stopped before their rows were gone
    this.scheduleSweep();
  }

  private sweeping = false;

  /** Lets go of staging tokens: their rows are deleted in the background, a slice per turn. */
  dropStaging(repo: string, tokens: readonly string[]): void {
    for (const token of tokens)
      this.db.write('INSERT OR IGNORE INTO dropped_staging (repo, token) VALUES (?, ?)', repo, token);
    this.scheduleSweep();
  }

  private scheduleSweep(): void {
    if (this.sweeping) return;
    this.sweeping = true;
    setImmediate(() => this.sweepSlice());
  }

  /** Deletes one slice of dropped staging rows, then schedules the next; stops when none are left. */
  private sweepSlice(): void {
    if (!this.db.db.open) return;
    const next = this.db.sql('SELECT repo, token FROM dropped_staging LIMIT 1').get() as
      { repo: string; token: string } | undefined;
    if (!next) {
      this.sweeping = false;
      return;
    }
    const deleted = this.db.change(
      `DELETE FROM staging WHERE repo = ? AND branch = ? AND path IN (SELECT path FROM staging WHERE repo = ? AND branch = ? LIMIT ${SWEEP_ROWS})`,
      next.repo,
      next.token,
      next.repo,
      next.token,
    );
    if (deleted < SWEEP_ROWS)
      this.db.write('DELETE FROM dropped_staging WHERE repo = ? AND token = ?', next.repo, next.token);
    setImmediate(() => this.sweepSlice());
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
    const tokenRows = db.sql('SELECT branch, tokens FROM branch_staging WHERE repo = ?').all(repo) as {
      branch: string;
      tokens: string;
    }[];
    const tokensOf = new Map(tokenRows.map((r) => [r.branch, JSON.parse(r.tokens) as string[]]));
    const drop = (tokens: readonly string[]): void => this.dropStaging(repo, tokens);
    const branchRows = db.sql('SELECT id, commit_id, hidden FROM branches WHERE repo = ?').all(repo) as {
      id: string;
      commit_id: string;
      hidden: number;
    }[];
    const branches = new WriteThroughMap<BranchRecord>(
      branchRows.map((r): [string, BranchRecord] => [
        r.id,
        // a branch stored before staging tokens existed has one: its own id
        new DurableBranch(db, repo, r.id, r.commit_id, r.hidden === 1, tokensOf.get(r.id) ?? [r.id], drop),
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
          const durable = new DurableBranch(db, repo, k, branch.commitId, branch.hidden, [k], drop);
          // a new token: rows of an earlier branch of that name may still be being swept
          durable.staging = branch.staging;
          return durable;
        },
        delete: (k) => {
          db.write('DELETE FROM branches WHERE repo = ? AND id = ?', repo, k);
          (branches.get(k) as DurableBranch | undefined)?.discardStaging();
        },
      },
    );
    return { ...fields, metadata, tags, branches, commits: new CommitMap(db, this.nodes, repo) };
  }
}
