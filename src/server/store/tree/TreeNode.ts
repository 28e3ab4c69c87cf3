import type { EntryRecord } from '../types';

/** A leaf: sorted keys and their entries. */
export interface LeafNode {
  readonly height: 0;
  readonly keys: string[];
  readonly values: EntryRecord[];
  /** The tree allowed to edit this node in place (a node another tree can see is never edited). */
  owner?: object;
}

/** An inner node: each child with the smallest key below it. */
export interface InnerNode {
  readonly height: number;
  readonly keys: string[];
  readonly children: NodeRef[];
  owner?: object;
}

/** A node of a {@link NodeTree}. */
export type TreeNode = LeafNode | InnerNode;

/**
 * A pointer to a node: the node itself while it lives in memory, its content address once stored (or
 * both). Two refs with the same id, or to the same node object, hold the same subtree.
 */
export interface NodeRef {
  id?: string;
  node?: TreeNode;
  readonly height: number;
}

/** @returns whether the node is a leaf */
export const isLeaf = (node: TreeNode): node is LeafNode => node.height === 0;

/** Whether two refs certainly hold the same subtree (same object or same content address). */
export const sameRef = (a: NodeRef, b: NodeRef): boolean =>
  a === b || (a.node !== undefined && a.node === b.node) || (a.id !== undefined && a.id === b.id);

/**
 * Where a tree's nodes live: memory keeps them linked from their refs; a durable source loads them by
 * content address and stores new ones.
 */
export interface NodeSource {
  /** @returns the node a ref points at */
  load(ref: NodeRef): TreeNode;
  /**
   * Stores every node below `ref` that has no content address yet, giving each its address (memory: no-op).
   * @returns nothing; `ref.id` is set afterwards for a durable source
   */
  save(ref: NodeRef): void;
  /**
   * `save` in steps (a `yield` after each node), for a tree too large to store in one go.
   * @returns the steps; absent for memory, where there is nothing to store
   */
  saveSteps?(ref: NodeRef): Generator<void, void, undefined>;
  /**
   * Keeps nodes stored but not yet referenced by a commit from being swept as unused, until the returned
   * function is called (a commit whose nodes are stored in steps holds them until its commit row is in).
   */
  hold?(): () => void;
}

/** The memory source: nodes are plain objects linked from their refs, freed by the garbage collector. */
export const memoryNodes: NodeSource = {
  load: (ref) => ref.node as TreeNode,
  save: () => undefined,
};
