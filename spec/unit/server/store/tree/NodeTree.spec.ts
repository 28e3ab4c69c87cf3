import fc from 'fast-check';
import { compareKeys } from '../../../../../src/server/store/compareKeys';
import { emptyTree } from '../../../../../src/server/store/emptyTree';
import { diffNodeTrees } from '../../../../../src/server/store/tree/diffNodeTrees';
import type { NodeTree } from '../../../../../src/server/store/tree/NodeTree';
import type { EntryRecord } from '../../../../../src/server/store/types';
import { entry } from '../../storeFixture';

type Op = { readonly del: boolean; readonly key: string; readonly content: string };

const op = fc.record({
  del: fc.boolean(),
  key: fc.integer({ min: 0, max: 400 }).map((i) => `k/${String(i).padStart(4, '0')}`),
  content: fc.constantFrom('a', 'b', 'c'),
});

function apply(tree: NodeTree, model: Map<string, EntryRecord>, ops: readonly Op[]): void {
  for (const o of ops) {
    if (o.del) {
      expect(tree.delete(o.key)).toBe(model.delete(o.key));
    } else {
      const e = entry(o.content);
      tree.set(o.key, e);
      model.set(o.key, e);
    }
  }
}

const sortedPairs = (model: Map<string, EntryRecord>): [string, EntryRecord][] =>
  [...model.entries()].sort((x, y) => compareKeys(x[0], y[0]));

describe('NodeTree', () => {
  it('behaves like a sorted map under any sequence of sets and deletes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.string({ maxLength: 6 }), (ops, from) => {
        const tree = emptyTree();
        const model = new Map<string, EntryRecord>();
        apply(tree, model, ops);
        const pairs = sortedPairs(model);
        expect([...tree.entries()]).toEqual(pairs);
        const start = `k/${from}`;
        expect([...tree.entries(start)]).toEqual(pairs.filter(([k]) => compareKeys(k, start) >= 0));
        for (const [k, v] of pairs) expect(tree.get(k)).toBe(v);
        expect(tree.get('k/zzz')).toBeUndefined();
      }),
    );
  });

  it('leaves a clone untouched by edits of the original, and the reverse', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.array(op, { maxLength: 300 }), (first, second) => {
        const tree = emptyTree();
        const model = new Map<string, EntryRecord>();
        apply(tree, model, first);
        const copy = tree.clone();
        const before = sortedPairs(model);
        const copyModel = new Map(model);
        apply(tree, model, second);
        expect([...copy.entries()]).toEqual(before);
        apply(copy, copyModel, second);
        expect([...copy.entries()]).toEqual(sortedPairs(copyModel));
      }),
    );
  });

  it('diffs two related trees exactly, visiting only the edited part', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.array(op, { maxLength: 40 }), (first, second) => {
        const a = emptyTree();
        const model = new Map<string, EntryRecord>();
        apply(a, model, first);
        const aModel = new Map(model);
        const b = a.clone();
        apply(b, model, second);
        const expected: string[] = [];
        for (const k of new Set([...aModel.keys(), ...model.keys()]))
          if (aModel.get(k) !== model.get(k)) expected.push(k);
        expected.sort(compareKeys);
        const seen: string[] = [];
        diffNodeTrees(a, b, (k, x, y) => {
          expect(x).toBe(aModel.get(k));
          expect(y).toBe(model.get(k));
          seen.push(k);
        });
        expect(seen).toEqual(expected);
      }),
    );
  });

  it('diffs a 100,000-entry tree against a one-change copy by loading a few nodes', () => {
    const a = emptyTree();
    const e = entry('x');
    for (let i = 0; i < 100_000; i++) a.set(`p/${String(i).padStart(6, '0')}`, e);
    const b = a.clone();
    b.set('p/050000', entry('y'));
    let loads = 0;
    const counting = { load: (ref: Parameters<typeof a.source.load>[0]) => (loads++, a.source.load(ref)) };
    const seen: string[] = [];
    diffNodeTrees(
      Object.assign(Object.create(a) as NodeTree, { source: counting }),
      Object.assign(Object.create(b) as NodeTree, { source: counting }),
      (k) => void seen.push(k),
    );
    expect(seen).toEqual(['p/050000']);
    expect(loads).toBeLessThan(40);
  });
});
