import type { ChangeRecord } from './ChangeRecord';
import { sameEntry } from './makeEntry';
import type { EntryRecord, Staging, Tree } from './types';

function changeOf(committed: EntryRecord | undefined, staged: EntryRecord | null): ChangeRecord | undefined {
  if (sameEntry(committed, staged)) return undefined; // identical re-upload, or tombstone of a never-committed key
  if (!staged) return { type: 'removed', sizeBytes: 0 };
  return { type: committed ? 'changed' : 'added', sizeBytes: staged.sizeBytes, right: staged };
}

/**
 * The effective uncommitted changes of a branch from a key on: staged entries identical to the committed
 * ones and tombstones of never-committed keys are hidden, as lakeFS hides them.
 * @param tree - the branch's head tree
 * @param staging - its staging area
 * @param from - first key (inclusive)
 * @returns a lazy iterator of [path, change] in key order
 */
export function* uncommittedChanges(
  tree: Tree,
  staging: Staging,
  from = '',
): Generator<[string, ChangeRecord], void, undefined> {
  for (const [key, staged] of staging.entries(from)) {
    const change = changeOf(tree.get(key), staged);
    if (change) yield [key, change];
  }
}

/**
 * Whether a branch has no effective uncommitted change.
 * @returns true when clean
 */
export function isClean(tree: Tree, staging: Staging): boolean {
  return uncommittedChanges(tree, staging).next().done === true;
}
