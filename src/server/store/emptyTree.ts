import BTree from 'sorted-btree';
import { compareKeys } from './compareKeys';
import type { Staging, Tree, TreeSnapshot } from './types';

/** The digest of an empty tree. */
export const EMPTY_DIGEST = '0'.repeat(64);

/**
 * A new empty tree. Every tree uses the same comparator so that `diffAgainst` can compare any two.
 * @returns an empty path → entry tree
 */
export const emptyTree = (): Tree => new BTree<string, never>(undefined, compareKeys);

/**
 * A new empty staging area.
 * @returns an empty path → entry-or-tombstone tree
 */
export const emptyStaging = (): Staging => new BTree<string, never>(undefined, compareKeys);

/**
 * An empty snapshot.
 * @returns an empty tree with its digest
 */
export const emptySnapshot = (): TreeSnapshot => ({ tree: emptyTree(), contentDigest: EMPTY_DIGEST });
