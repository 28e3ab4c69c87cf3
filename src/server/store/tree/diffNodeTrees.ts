import { compareKeys } from '../compareKeys';
import type { EntryRecord } from '../types';
import type { NodeTree } from './NodeTree';
import { isLeaf, type NodeRef, sameRef } from './TreeNode';

/** A pending piece of one side of a diff: a whole subtree (with its smallest key) or one entry. */
type Item =
  | { readonly ref: NodeRef; readonly min: string; readonly key?: undefined; readonly value?: undefined }
  | { readonly ref?: undefined; readonly key: string; readonly value: EntryRecord };

/** Replaces the subtree on top of `stack` by its children (pushed in reverse, smallest on top). */
function expand(tree: NodeTree, stack: Item[]): void {
  const { ref } = stack.pop() as { ref: NodeRef };
  const node = tree.source.load(ref);
  if (isLeaf(node)) {
    for (let i = node.keys.length - 1; i >= 0; i--)
      stack.push({ key: node.keys[i] as string, value: node.values[i] as EntryRecord });
  } else {
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ ref: node.children[i] as NodeRef, min: node.keys[i] as string });
  }
}

/** One difference: the key and each side's entry. */
export type NodeDifference = [key: string, inA: EntryRecord | undefined, inB: EntryRecord | undefined];

/**
 * Visits every key present in only one tree or with different entry objects in both, in key order,
 * skipping every subtree the two trees share (same node or same content address). The caller decides
 * whether two entries differ in content.
 * @param visit - called with the key and each side's entry; return true to stop
 */
export function diffNodeTrees(
  a: NodeTree,
  b: NodeTree,
  visit: (key: string, inA: EntryRecord | undefined, inB: EntryRecord | undefined) => boolean | void,
): void {
  for (const [key, x, y] of nodeTreeDifferences(a, b)) if (visit(key, x, y)) return;
}

/**
 * {@link diffNodeTrees} as a lazy iterator, so a long diff can be walked in slices.
 * @returns the differences in key order
 */
export function* nodeTreeDifferences(a: NodeTree, b: NodeTree): Generator<NodeDifference, void, undefined> {
  const left: Item[] = a.root ? [{ ref: a.root, min: '' }] : [];
  const right: Item[] = b.root ? [{ ref: b.root, min: '' }] : [];
  for (;;) {
    const x = left[left.length - 1];
    const y = right[right.length - 1];
    if (!x && !y) return;
    if (x?.ref && y?.ref) {
      if (sameRef(x.ref, y.ref)) {
        left.pop();
        right.pop();
        continue;
      }
      const order = compareKeys(x.min, y.min);
      if (order < 0) expand(a, left);
      else if (order > 0) expand(b, right);
      else {
        if (x.ref.height >= y.ref.height) expand(a, left);
        if (y.ref.height >= x.ref.height) expand(b, right);
      }
      continue;
    }
    if (x?.ref) {
      // everything left in `left` is ≥ x.min: a smaller entry on the right exists only there
      if (y && compareKeys(y.key as string, x.min) < 0) {
        right.pop();
        yield [y.key as string, undefined, y.value];
      } else expand(a, left);
      continue;
    }
    if (y?.ref) {
      if (x && compareKeys(x.key, y.min) < 0) {
        left.pop();
        yield [x.key, x.value, undefined];
      } else expand(b, right);
      continue;
    }
    const order = !x ? 1 : !y ? -1 : compareKeys(x.key, y.key);
    if (order < 0) {
      left.pop();
      yield [x?.key as string, x?.value, undefined];
    } else if (order > 0) {
      right.pop();
      yield [y?.key as string, undefined, y?.value];
    } else {
      left.pop();
      right.pop();
      if (x?.value !== y?.value) yield [x?.key as string, x?.value, y?.value];
    }
  }
}
