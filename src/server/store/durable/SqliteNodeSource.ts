import { createHash } from 'node:crypto';
import type { EntryRecord } from '../types';
import { isLeaf, type NodeRef, type NodeSource, type TreeNode } from '../tree/TreeNode';
import { decodeEntry, encodeEntry, type StoredEntry } from './entryCodec';
import type { MetadataDb } from './MetadataDb';

/** Nodes kept decoded in memory; the rest are read from the database when a walk reaches them. */
const CACHE_NODES = 2048;

type StoredNode = { h: number; k: string[]; v?: StoredEntry[]; c?: string[] };

/**
 * Tree nodes in the metadata database, content-addressed (sha-256 of their encoding): a node shared by
 * many commits is stored once, and a commit stores only the nodes its edits created. Reads go through a
 * bounded cache, so memory does not grow with the repository.
 */
export class SqliteNodeSource implements NodeSource {
  private readonly cache = new Map<string, TreeNode>();
  /** Nodes read from the database (not the cache), for tests and benchmarks. */
  reads = 0;
  private holds = 0;

  constructor(private readonly db: MetadataDb) {}

  load(ref: NodeRef): TreeNode {
    if (ref.node) return ref.node;
    const id = ref.id as string;
    const cached = this.cache.get(id);
    if (cached) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const row = this.db.sql('SELECT data FROM nodes WHERE id = ?').get(id) as { data: Buffer } | undefined;
    if (!row) throw new Error(`metadata database: tree node ${id} is missing`);
    this.reads++;
    const node = decode(JSON.parse(row.data.toString('utf8')) as StoredNode);
    this.remember(id, node);
    return node;
  }

  save(ref: NodeRef): void {
    if (ref.id !== undefined) return;
    const node = ref.node as TreeNode;
    const stored: StoredNode = isLeaf(node)
      ? { h: 0, k: node.keys, v: node.values.map(encodeEntry) }
      : { h: node.height, k: node.keys, c: node.children.map((c) => this.saveChild(c)) };
    const data = Buffer.from(JSON.stringify(stored));
    const id = createHash('sha256').update(data).digest('hex');
    this.db.write('INSERT OR IGNORE INTO nodes (id, data) VALUES (?, ?)', id, data);
    ref.id = id;
    node.owner = undefined;
    this.remember(id, node);
  }

  *saveSteps(ref: NodeRef): Generator<void, void, undefined> {
    if (ref.id !== undefined) return;
    const node = ref.node as TreeNode;
    if (!isLeaf(node)) for (const child of node.children) yield* this.saveSteps(child);
    // every child has its address now: this stores the node alone
    this.save(ref);
    yield;
  }

  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
    };
  }

  /** Whether some stored nodes may not be referenced yet (a commit is storing its tree). */
  get holding(): boolean {
    return this.holds > 0;
  }

  /** Saves a child and unlinks it, so a cached parent does not keep its whole subtree in memory. */
  private saveChild(child: NodeRef): string {
    this.save(child);
    delete child.node;
    return child.id as string;
  }

  private remember(id: string, node: TreeNode): void {
    this.cache.set(id, node);
    if (this.cache.size > CACHE_NODES) this.cache.delete(this.cache.keys().next().value as string);
  }
}

function decode(s: StoredNode): TreeNode {
  if (s.h === 0) return { height: 0, keys: s.k, values: (s.v ?? []).map<EntryRecord>(decodeEntry) };
  return { height: s.h, keys: s.k, children: (s.c ?? []).map((id) => ({ id, height: s.h - 1 })) };
}
