import { MemoryStaging } from './MemoryStaging';
import { NodeTree } from './tree/NodeTree';
import { memoryNodes } from './tree/TreeNode';
import type { Staging, Tree, TreeSnapshot } from './types';

/** The digest of an empty tree. */
export const EMPTY_DIGEST = '0'.repeat(64);

/**
 * A new empty tree whose nodes live in memory.
 * @returns an empty path → entry tree
 */
export const emptyTree = (): Tree => new NodeTree(undefined, memoryNodes);

/**
 * A new empty staging area.
 * @returns an empty path → entry-or-tombstone map
 */
export const emptyStaging = (): Staging => new MemoryStaging();

/**
 * An empty snapshot.
 * @returns an empty tree with its digest
 */
export const emptySnapshot = (): TreeSnapshot => ({ tree: emptyTree(), contentDigest: EMPTY_DIGEST });
