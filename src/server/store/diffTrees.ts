import { compareKeys } from './compareKeys';
import type { ChangeRecord } from './ChangeRecord';
import { sameEntry } from './makeEntry';
import { diffNodeTrees } from './tree/diffNodeTrees';
import type { EntryRecord, Tree } from './types';

/**
 * Visits every key whose entry differs between `a` and `b` (by identity), skipping the nodes the two
 * trees share, so a small diff of two large related trees is cheap.
 * @param visit - called with the key and each side's entry; return true to stop
 */
export function forEachDifference(
  a: Tree,
  b: Tree,
  visit: (key: string, inA: EntryRecord | undefined, inB: EntryRecord | undefined) => boolean | void,
): void {
  diffNodeTrees(a, b, (k, x, y) => (sameEntry(x, y) ? false : visit(k, x, y)));
}

const sorted = (pairs: [string, ChangeRecord][]): [string, ChangeRecord][] => {
  for (let i = 1; i < pairs.length; i++) {
    if (compareKeys((pairs[i - 1] as [string, ChangeRecord])[0], (pairs[i] as [string, ChangeRecord])[0]) > 0)
      return pairs.sort((x, y) => compareKeys(x[0], y[0]));
  }
  return pairs;
};

/**
 * A two-dot diff: what changed from `left` to `right`.
 * @returns [path, change] pairs in key order
 */
export function twoDotChanges(left: Tree, right: Tree): [string, ChangeRecord][] {
  const out: [string, ChangeRecord][] = [];
  forEachDifference(left, right, (key, l, r) => {
    if (!r) out.push([key, { type: 'removed', sizeBytes: l?.sizeBytes, right: l }]);
    else out.push([key, { type: l ? 'changed' : 'added', sizeBytes: r.sizeBytes, right: r }]);
  });
  return sorted(out);
}

/**
 * A three-dot diff: what merging `right` into `left` would apply — right's changes since `base` that left
 * does not already have — with paths changed differently on both sides marked `conflict`.
 * @returns [path, change] pairs in key order
 */
export function threeDotChanges(left: Tree, right: Tree, base: Tree): [string, ChangeRecord][] {
  const out: [string, ChangeRecord][] = [];
  forEachDifference(base, right, (key, b, r) => {
    const l = left.get(key);
    if (sameEntry(l, r)) return;
    if (!sameEntry(l, b)) {
      out.push([key, { type: 'conflict', sizeBytes: r?.sizeBytes ?? l?.sizeBytes, right: r ?? l }]);
      return;
    }
    if (!r) out.push([key, { type: 'removed', sizeBytes: l?.sizeBytes, right: l }]);
    else out.push([key, { type: l ? 'changed' : 'added', sizeBytes: r.sizeBytes, right: r }]);
  });
  return sorted(out);
}
