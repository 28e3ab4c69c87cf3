import { NodeTree } from '../tree/NodeTree';
import type { CommitRecord } from '../types';
import type { MetadataDb } from './MetadataDb';
import type { SqliteNodeSource } from './SqliteNodeSource';

type StoredCommit = Omit<CommitRecord, 'tree'> & { root: { id: string; height: number } | null };

/**
 * A repository's commits, read from the database on first use and kept (without their trees, which are
 * loaded node by node) once read. Storing a commit stores the tree nodes it created, in the same
 * transaction as the commit row.
 */
export class CommitMap extends Map<string, CommitRecord> {
  private complete = false;

  constructor(
    private readonly db: MetadataDb,
    private readonly nodes: SqliteNodeSource,
    private readonly repo: string,
  ) {
    super();
  }

  override get(id: string): CommitRecord | undefined {
    const known = super.get(id);
    if (known || this.complete) return known;
    const row = this.db.sql('SELECT json FROM commits WHERE repo = ? AND id = ?').get(this.repo, id) as
      { json: string } | undefined;
    return row ? this.remember(JSON.parse(row.json) as StoredCommit) : undefined;
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  override set(id: string, commit: CommitRecord): this {
    const root = commit.tree.root;
    if (root) this.nodes.save(root);
    const { tree: _tree, ...fields } = commit;
    const stored: StoredCommit = {
      ...fields,
      root: root ? { id: root.id as string, height: root.height } : null,
    };
    this.db.write(
      'INSERT OR IGNORE INTO commits (repo, id, json) VALUES (?, ?, ?)',
      this.repo,
      id,
      JSON.stringify(stored),
    );
    this.remember(stored);
    return this;
  }

  override get size(): number {
    this.loadAll();
    return super.size;
  }

  override entries(): MapIterator<[string, CommitRecord]> {
    this.loadAll();
    return super.entries();
  }

  override values(): MapIterator<CommitRecord> {
    this.loadAll();
    return super.values();
  }

  override keys(): MapIterator<string> {
    this.loadAll();
    return super.keys();
  }

  override [Symbol.iterator](): MapIterator<[string, CommitRecord]> {
    return this.entries();
  }

  override forEach(visit: (value: CommitRecord, key: string, map: Map<string, CommitRecord>) => void): void {
    this.loadAll();
    super.forEach(visit);
  }

  /** Reads every commit (only for what must see them all: a commit-id prefix lookup). */
  private loadAll(): void {
    if (this.complete) return;
    const rows = this.db.sql('SELECT json FROM commits WHERE repo = ?').all(this.repo) as { json: string }[];
    for (const row of rows) {
      const stored = JSON.parse(row.json) as StoredCommit;
      if (!super.has(stored.id)) this.remember(stored);
    }
    this.complete = true;
  }

  private remember(stored: StoredCommit): CommitRecord {
    const { root, ...fields } = stored;
    const commit: CommitRecord = {
      ...fields,
      tree: new NodeTree(root ? { id: root.id, height: root.height } : undefined, this.nodes),
    };
    super.set(commit.id, commit);
    return commit;
  }
}
