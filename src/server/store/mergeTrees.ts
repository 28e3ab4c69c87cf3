import { sameEntry } from './makeEntry';
import { STEP_EVERY, runNow, type Steps } from './steps';
import { nodeTreeDifferences } from './tree/diffNodeTrees';
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
  return runNow(mergeTreeSteps(base, dest, source, strategy));
}

/** {@link mergeTrees} in steps (a `yield` every {@link STEP_EVERY} differences walked). */
export function* mergeTreeSteps(
  base: Tree,
  dest: TreeSnapshot,
  source: Tree,
  strategy: MergeStrategy = 'default',
): Steps<MergeOutcome> {
  const builder = new TreeBuilder(dest);
  let walked = 0;
  for (const [key, b, s] of nodeTreeDifferences(base, source)) {
    if (++walked % STEP_EVERY === 0) yield;
    if (sameEntry(b, s)) continue;
    const d = dest.tree.get(key);
    if (sameEntry(d, s)) continue;
    if (sameEntry(d, b) || strategy === 'source-wins') {
      builder.put(key, s);
      continue;
    }
    if (strategy === 'dest-wins') continue;
    return { ok: false, conflict: key };
  }
  return { ok: true, changes: builder.changes, snapshot: builder.finish() };
}
