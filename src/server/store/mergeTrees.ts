import { forEachDifference } from './diffTrees';
import { sameEntry } from './makeEntry';
import { TreeBuilder } from './TreeBuilder';
import type { Tree, TreeSnapshot } from './types';

/** How a merge resolves paths changed differently on both sides. */
export type MergeStrategy = 'default' | 'dest-wins' | 'source-wins';

/** The result of a three-way merge. */
export type MergeOutcome =
  | { readonly ok: true; readonly snapshot: TreeSnapshot; readonly changes: number }
  | { readonly ok: false; readonly conflict: string };

/**
 * A three-way merge of `source` into `dest` relative to `base`: source changes apply where dest kept the
 * base version; changes on both sides that differ are conflicts, resolved by `strategy` or reported.
 * Only the source-vs-base differences are walked.
 * @param base - the merge base tree
 * @param dest - the destination snapshot (the result starts as a copy of it)
 * @param source - the source tree
 * @param strategy - conflict resolution @default 'default' (fail)
 * @returns the merged snapshot, or the first conflicting path
 */
export function mergeTrees(
  base: Tree,
  dest: TreeSnapshot,
  source: Tree,
  strategy: MergeStrategy = 'default',
): MergeOutcome {
  const builder = new TreeBuilder(dest);
  let conflict: string | undefined;
  forEachDifference(base, source, (key, b, s) => {
    const d = dest.tree.get(key);
    if (sameEntry(d, s)) return false;
    if (sameEntry(d, b) || strategy === 'source-wins') {
      builder.put(key, s);
      return false;
    }
    if (strategy === 'dest-wins') return false;
    conflict = key;
    return true;
  });
  if (conflict !== undefined) return { ok: false, conflict };
  return { ok: true, changes: builder.changes, snapshot: builder.finish() };
}
