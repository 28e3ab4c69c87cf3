import { createHash } from 'node:crypto';
import { STEP_EVERY, type Steps } from './steps';
import type { EntryRecord, Staging, Tree, TreeSnapshot } from './types';

const entryHash = (key: string, entry: EntryRecord): Buffer =>
  createHash('sha256').update(key).update('\0').update(entry.identity).digest();

/**
 * Derives a new tree from a snapshot: O(1) copy-on-write clone, then edits that keep the content digest
 * up to date. The digest is the XOR of a hash per (path, identity) pair, so it can be maintained per edit
 * instead of rehashing the whole tree for every commit.
 */
export class TreeBuilder {
  private readonly tree: Tree;
  private readonly digest: Buffer;
  /** Number of edits that changed content (not just the entry object). */
  changes = 0;

  /** @param base - the snapshot to start from; it is not modified */
  constructor(base: TreeSnapshot) {
    this.tree = base.tree.clone();
    this.digest = Buffer.from(base.contentDigest, 'hex');
  }

  /** @returns the current entry at `key` */
  get(key: string): EntryRecord | undefined {
    return this.tree.get(key);
  }

  /** Sets `key`; an entry with the same identity is left alone so the tree keeps sharing nodes. */
  set(key: string, entry: EntryRecord): void {
    const old = this.tree.get(key);
    if (old?.identity === entry.identity) return;
    if (old) this.xor(entryHash(key, old));
    this.xor(entryHash(key, entry));
    this.tree.set(key, entry);
    this.changes++;
  }

  /** Removes `key` if present. */
  delete(key: string): void {
    const old = this.tree.get(key);
    if (!old) return;
    this.xor(entryHash(key, old));
    this.tree.delete(key);
    this.changes++;
  }

  /** Sets or (for `null`/`undefined`) deletes. */
  put(key: string, entry: EntryRecord | null | undefined): void {
    if (entry) this.set(key, entry);
    else this.delete(key);
  }

  /** Removes every key starting with `prefix` (`""` removes all). */
  deletePrefix(prefix: string): void {
    const keys: string[] = [];
    for (const [k] of this.tree.entries(prefix)) {
      if (!k.startsWith(prefix)) break;
      keys.push(k);
    }
    for (const k of keys) this.delete(k);
  }

  /** Applies a staging area: entries are set, tombstones delete. */
  applyStaging(staging: Staging): void {
    staging.forEachPair((k, v) => this.put(k, v));
  }

  /**
   * Applies staged changes in steps (a `yield` every {@link STEP_EVERY} entries).
   * @param changes - entries set, tombstones (`null`) delete
   */
  *applySteps(changes: Iterable<readonly [string, EntryRecord | null | undefined]>): Steps<void> {
    let done = 0;
    for (const [k, v] of changes) {
      this.put(k, v);
      if (++done % STEP_EVERY === 0) yield;
    }
  }

  /** {@link TreeBuilder.deletePrefix} in steps. */
  *deletePrefixSteps(prefix: string): Steps<void> {
    const keys: string[] = [];
    for (const [k] of this.tree.entries(prefix)) {
      if (!k.startsWith(prefix)) break;
      keys.push(k);
      if (keys.length % STEP_EVERY === 0) yield;
    }
    yield* this.applySteps(keys.map((k) => [k, null] as const));
  }

  /** @returns the finished tree and digest (the builder must not be used afterwards) */
  finish(): TreeSnapshot {
    return { tree: this.tree, contentDigest: this.digest.toString('hex') };
  }

  private xor(hash: Buffer): void {
    for (let i = 0; i < 32; i++) this.digest[i] = (this.digest[i] as number) ^ (hash[i] as number);
  }
}
