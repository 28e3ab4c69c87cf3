import type { ResolvedRef } from './resolveRef';
import { compareKeys } from './compareKeys';
import type { EntryRecord, Staging, Tree } from './types';

/** What object reads see: a committed tree, and for a branch ref its staging area on top. */
export interface ObjectView {
  readonly tree: Tree;
  readonly staging?: Staging;
}

/** Counts entries pulled from the underlying trees, so tests can assert a listing's cost. */
export interface WalkStats {
  visited: number;
}

/**
 * The view a resolved ref reads: a bare branch or `branch$` includes staging, anything else is committed.
 * @returns the view
 */
export const viewOf = (ref: ResolvedRef): ObjectView => ({
  tree: ref.commit.tree,
  staging: ref.branch?.staging,
});

/**
 * The entry at `path` in a view (a staged tombstone hides the committed entry).
 * @returns the entry or undefined
 */
export function lookupEntry(view: ObjectView, path: string): EntryRecord | undefined {
  const staged = view.staging?.get(path);
  if (staged !== undefined) return staged ?? undefined;
  return view.tree.get(path);
}

/**
 * Walks a view in key order from `from` (inclusive): the committed and staged trees are each entered with
 * one O(log n) seek and merged, staged entries winning and tombstones hiding keys.
 * @param view - the view
 * @param from - the first key to consider
 * @param stats - incremented per entry pulled from either tree
 * @returns a lazy iterator of [path, entry]
 */
export function* viewEntries(
  view: ObjectView,
  from: string,
  stats?: WalkStats,
): Generator<[string, EntryRecord], void, undefined> {
  const committed = view.tree.entries(from);
  const staged = view.staging?.entries(from);
  const pull = <V>(it: Iterator<[string, V]> | undefined): [string, V] | undefined => {
    if (!it) return undefined;
    const next = it.next();
    if (next.done) return undefined;
    if (stats) stats.visited++;
    return [next.value[0], next.value[1]];
  };
  let c = pull(committed);
  let s = pull(staged);
  while (c || s) {
    const order = !c ? 1 : !s ? -1 : compareKeys(c[0], s[0]);
    if (order < 0 && c) {
      yield c;
      c = pull(committed);
      continue;
    }
    if (s) {
      if (s[1]) yield [s[0], s[1]];
      if (order === 0) c = pull(committed);
      s = pull(staged);
    }
  }
}
