import { compareKeys } from '../compareKeys';
import type { EntryRecord } from '../types';
import {
  type InnerNode,
  isLeaf,
  type LeafNode,
  type NodeRef,
  type NodeSource,
  type TreeNode,
} from './TreeNode';

/** Most keys a node holds before it splits (B+tree order). */
export const NODE_CAPACITY = 64;

/** Index of the first key ≥ `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(keys[mid] as string, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the child whose range holds `key`: the last child whose smallest key is ≤ `key`. */
export function childIndex(keys: readonly string[], key: string): number {
  const i = lowerBound(keys, key);
  if (i < keys.length && keys[i] === key) return i;
  return Math.max(0, i - 1);
}

/**
 * An immutable-by-default sorted path → entry map: a B+tree whose nodes are shared between every tree
 * derived from another (`clone()` is O(1); an edit copies only the nodes on its path), and whose nodes can
 * live in memory or in a content-addressed store (see `NodeSource`). A commit of k changes therefore
 * touches about k·depth nodes whatever the tree's size, and two related trees differ only in the nodes
 * their edits copied, which `forEachDifference` skips over. The API is the subset of sorted-btree's the
 * store uses.
 */
export class NodeTree {
  /** Nodes carrying this token were created by this tree and no other tree sees them: edit in place. */
  private owner: object = {};

  /**
   * @param root - the root, or undefined for an empty tree
   * @param source - where the nodes live
   */
  constructor(
    private rootRef: NodeRef | undefined,
    readonly source: NodeSource,
  ) {}

  /** The root (undefined when empty), for storing and diffing. */
  get root(): NodeRef | undefined {
    return this.rootRef;
  }

  /** @returns an O(1) copy; both trees copy nodes on their next edits */
  clone(): NodeTree {
    this.owner = {};
    return new NodeTree(this.rootRef, this.source);
  }

  /** Stores the nodes not stored yet and lets go of them (they are reloaded on demand). */
  save(): void {
    this.owner = {};
    if (this.rootRef) this.source.save(this.rootRef);
  }

  /** {@link NodeTree.save} in steps, pausing after each stored node. */
  *saveSteps(): Generator<void, void, undefined> {
    this.owner = {};
    if (this.rootRef && this.source.saveSteps) yield* this.source.saveSteps(this.rootRef);
  }

  /** @returns the entry at `key` */
  get(key: string): EntryRecord | undefined {
    let ref = this.rootRef;
    while (ref) {
      const node = this.source.load(ref);
      if (isLeaf(node)) {
        const i = lowerBound(node.keys, key);
        return node.keys[i] === key ? node.values[i] : undefined;
      }
      ref = node.children[childIndex(node.keys, key)];
    }
    return undefined;
  }

  /** @returns whether `key` is present */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Entries in key order from `from` (inclusive), one O(log n) seek then a walk.
   * @param from - the first key to consider @default ''
   * @returns a lazy iterator of [key, entry]
   */
  *entries(from = ''): Generator<[string, EntryRecord], void, undefined> {
    if (!this.rootRef) return;
    const path: { node: InnerNode; index: number }[] = [];
    let node = this.source.load(this.rootRef);
    while (!isLeaf(node)) {
      const index = childIndex(node.keys, from);
      path.push({ node, index });
      node = this.source.load(node.children[index] as NodeRef);
    }
    let leaf: LeafNode = node;
    let i = lowerBound(leaf.keys, from);
    for (;;) {
      for (; i < leaf.keys.length; i++) yield [leaf.keys[i] as string, leaf.values[i] as EntryRecord];
      // climb to the first ancestor with a next child, then descend to its leftmost leaf
      let top = path[path.length - 1];
      while (top && top.index + 1 >= top.node.children.length) {
        path.pop();
        top = path[path.length - 1];
      }
      if (!top) return;
      top.index++;
      let next = this.source.load(top.node.children[top.index] as NodeRef);
      while (!isLeaf(next)) {
        path.push({ node: next, index: 0 });
        next = this.source.load(next.children[0] as NodeRef);
      }
      leaf = next;
      i = 0;
    }
  }

  /**
   * Calls `visit` for every entry in key order.
   * @param visit - receives key and entry
   */
  forEachPair(visit: (key: string, value: EntryRecord) => void): void {
    for (const [k, v] of this.entries()) visit(k, v);
  }

  /**
   * Sets `key`.
   * @returns true (sorted-btree's signature)
   */
  set(key: string, value: EntryRecord): boolean {
    if (!this.rootRef) {
      this.rootRef = { node: { height: 0, keys: [key], values: [value], owner: this.owner }, height: 0 };
      return true;
    }
    const parts = this.insert(this.rootRef, key, value);
    if (parts.length === 1) this.rootRef = parts[0];
    else {
      const height = (parts[0] as NodeRef).height + 1;
      const root: InnerNode = {
        height,
        keys: parts.map((p) => this.minKey(p)),
        children: parts,
        owner: this.owner,
      };
      this.rootRef = { node: root, height };
    }
    return true;
  }

  /**
   * Removes `key`.
   * @returns whether it was present
   */
  delete(key: string): boolean {
    if (!this.rootRef) return false;
    const result = this.remove(this.rootRef, key);
    if (result === false) return false;
    this.rootRef = result ?? undefined;
    // a root with one child is replaced by that child
    while (this.rootRef && this.rootRef.height > 0) {
      const node = this.source.load(this.rootRef) as InnerNode;
      if (node.children.length !== 1) break;
      this.rootRef = node.children[0];
    }
    return true;
  }

  private minKey(ref: NodeRef): string {
    return this.source.load(ref).keys[0] as string;
  }

  /** The node behind `ref`, copied unless this tree already owns it. */
  private writable(ref: NodeRef): TreeNode {
    const node = this.source.load(ref);
    if (node.owner === this.owner) return node;
    return isLeaf(node)
      ? { height: 0, keys: [...node.keys], values: [...node.values], owner: this.owner }
      : { height: node.height, keys: [...node.keys], children: [...node.children], owner: this.owner };
  }

  private insert(ref: NodeRef, key: string, value: EntryRecord): NodeRef[] {
    const node = this.writable(ref);
    if (isLeaf(node)) {
      const i = lowerBound(node.keys, key);
      if (node.keys[i] === key) node.values[i] = value;
      else {
        node.keys.splice(i, 0, key);
        node.values.splice(i, 0, value);
      }
    } else {
      const i = childIndex(node.keys, key);
      const parts = this.insert(node.children[i] as NodeRef, key, value);
      node.children.splice(i, 1, ...parts);
      node.keys.splice(i, 1, ...parts.map((p) => this.minKey(p)));
    }
    return this.split(node);
  }

  private split(node: TreeNode): NodeRef[] {
    const whole = { node, height: node.height };
    if (node.keys.length <= NODE_CAPACITY) return [whole];
    const half = node.keys.length >>> 1;
    const keys = node.keys.splice(half);
    const right: TreeNode = isLeaf(node)
      ? { height: 0, keys, values: node.values.splice(half), owner: this.owner }
      : { height: node.height, keys, children: node.children.splice(half), owner: this.owner };
    return [whole, { node: right, height: node.height }];
  }

  /** @returns false when absent, null when the node became empty, else the new ref */
  private remove(ref: NodeRef, key: string): NodeRef | null | false {
    const seen = this.source.load(ref);
    if (isLeaf(seen)) {
      const i = lowerBound(seen.keys, key);
      if (seen.keys[i] !== key) return false;
      const node = this.writable(ref) as LeafNode;
      node.keys.splice(i, 1);
      node.values.splice(i, 1);
      return node.keys.length === 0 ? null : { node, height: 0 };
    }
    const i = childIndex(seen.keys, key);
    const child = this.remove(seen.children[i] as NodeRef, key);
    if (child === false) return false;
    const node = this.writable(ref) as InnerNode;
    if (child === null) {
      node.children.splice(i, 1);
      node.keys.splice(i, 1);
    } else {
      node.children[i] = child;
      node.keys[i] = this.minKey(child);
      this.mergeSmall(node, i);
    }
    return node.children.length === 0 ? null : { node, height: node.height };
  }

  /** Merges child `i` into a neighbour when both fit in one node, so deletions do not leave slivers. */
  private mergeSmall(parent: InnerNode, i: number): void {
    const small = this.source.load(parent.children[i] as NodeRef);
    if (small.keys.length >= NODE_CAPACITY / 4) return;
    const j = i + 1 < parent.children.length ? i + 1 : i - 1;
    if (j < 0) return;
    const [lo, hi] = j > i ? [i, j] : [j, i];
    const left = this.source.load(parent.children[lo] as NodeRef);
    const right = this.source.load(parent.children[hi] as NodeRef);
    if (left.keys.length + right.keys.length > NODE_CAPACITY) return;
    const merged: TreeNode = isLeaf(left)
      ? {
          height: 0,
          keys: [...left.keys, ...right.keys],
          values: [...left.values, ...(right as LeafNode).values],
          owner: this.owner,
        }
      : {
          height: left.height,
          keys: [...left.keys, ...right.keys],
          children: [...left.children, ...(right as InnerNode).children],
          owner: this.owner,
        };
    parent.children.splice(lo, 2, { node: merged, height: merged.height });
    parent.keys.splice(lo, 2, merged.keys[0] as string);
  }
}
