import type { NodeTree } from './tree/NodeTree';

/** One committed or staged object version. Identity (for "changed?") excludes address and mtime. */
export interface EntryRecord {
  readonly physicalAddress: string;
  readonly checksum: string;
  readonly sizeBytes: number;
  /** Unix seconds. */
  readonly mtime: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  /** Hash of size, checksum, sorted metadata and content type: equal identities mean "unchanged". */
  readonly identity: string;
}

/** A sorted path → entry map; `clone()` is O(1) copy-on-write, so every commit keeps its own tree. */
export type Tree = NodeTree;

/**
 * Staged changes, sorted by path: an entry, or `null` for a tombstone. In memory a sorted-btree; with a
 * data directory a table of the metadata database (see `SqliteStaging`).
 */
export interface Staging {
  get(key: string): EntryRecord | null | undefined;
  set(key: string, value: EntryRecord | null): unknown;
  delete(key: string): unknown;
  /** Entries in key order from `from` (inclusive). */
  entries(from?: string): IterableIterator<[string, EntryRecord | null]>;
  forEachPair(visit: (key: string, value: EntryRecord | null) => void): unknown;
  /** Drops every staged change. */
  clear(): void;
  /**
   * Seals the changes staged so far for a commit (lakeFS's sealed staging token): later writes go to a
   * fresh layer and are not part of it; reads keep seeing the sealed changes until `release`.
   * @returns the sealed changes (every layer sealed and not released yet)
   */
  seal(): SealedStaging;
  /**
   * Ends a seal: with `committed`, the sealed changes are forgotten (the commit holding them is in
   * place); without, they stay staged (a failed commit), to be sealed again by the next one.
   */
  release(sealed: SealedStaging, committed: boolean): void;
}

/** Changes sealed for a commit: read-only, they never change. */
export interface SealedStaging {
  /** Entries (tombstones as `null`) in key order from `from` (inclusive). */
  entries(from?: string): IterableIterator<[string, EntryRecord | null]>;
}

/** A tree with the order-independent digest of its content (see `TreeBuilder`). */
export interface TreeSnapshot {
  readonly tree: Tree;
  /** Hex digest of the content: equal digests mean equal trees. */
  readonly contentDigest: string;
}

/** An immutable commit with its full tree. */
export interface CommitRecord extends TreeSnapshot {
  readonly id: string;
  readonly parents: readonly string[];
  readonly committer: string;
  readonly message: string;
  /** Unix seconds. */
  readonly creationDate: number;
  /** Milliseconds, strictly increasing between commits made by this server: orders the log within a second. */
  readonly createdAt: number;
  readonly metaRangeId: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly generation: number;
}

/** A branch: a moving pointer plus its staging area. */
export interface BranchRecord {
  readonly id: string;
  commitId: string;
  staging: Staging;
  readonly hidden: boolean;
}

/** Everything the server keeps about a repository. */
export interface RepositoryRecord {
  readonly id: string;
  /** Unix seconds. */
  readonly creationDate: number;
  readonly defaultBranch: string;
  readonly storageNamespace: string;
  readonly readOnly: boolean;
  readonly metadata: Map<string, string>;
  readonly branches: Map<string, BranchRecord>;
  readonly commits: Map<string, CommitRecord>;
  /** tag id → commit id */
  readonly tags: Map<string, string>;
}
