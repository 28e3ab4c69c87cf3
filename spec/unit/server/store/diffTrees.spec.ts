import { threeDotChanges, twoDotChanges } from '../../../../src/server/store/diffTrees';
import { emptySnapshot } from '../../../../src/server/store/emptyTree';
import { openSorted, pageRows } from '../../../../src/server/store/pageRows';
import { TreeBuilder } from '../../../../src/server/store/TreeBuilder';
import type { ChangeRecord } from '../../../../src/server/store/ChangeRecord';
import type { TreeSnapshot } from '../../../../src/server/store/types';
import { uncommittedChanges } from '../../../../src/server/store/uncommittedChanges';
import { emptyStaging } from '../../../../src/server/store/emptyTree';
import { entry } from '../storeFixture';

function derive(from: TreeSnapshot, files: Record<string, string | null>): TreeSnapshot {
  const b = new TreeBuilder(from);
  for (const [k, v] of Object.entries(files)) b.put(k, v === null ? null : entry(v));
  return b.finish();
}

const summary = (changes: [string, ChangeRecord][]) =>
  changes.map(([p, c]) => `${c.type} ${p} ${c.sizeBytes}`);

describe('twoDotChanges', () => {
  it('lists added, removed and changed paths in order with sizes', () => {
    const left = derive(emptySnapshot(), { a: 'aa', b: 'bbb', c: 'c' });
    const right = derive(left, { a: null, b: 'bbbb', d: 'ddddd' });
    expect(summary(twoDotChanges(left.tree, right.tree))).toEqual([
      'removed a 2',
      'changed b 4',
      'added d 5',
    ]);
  });

  it('ignores entries whose identity did not change', () => {
    const left = derive(emptySnapshot(), { a: 'same' });
    const right = new TreeBuilder(left);
    right.set('a', entry('same'));
    expect(twoDotChanges(left.tree, right.finish().tree)).toEqual([]);
  });
});

describe('threeDotChanges', () => {
  const base = derive(emptySnapshot(), { a: 'a0', b: 'b0', c: 'c0' });

  it('reports what the right side changed since the base, relative to the left', () => {
    const left = derive(base, { l: 'left-only', a: 'a-left' });
    const right = derive(base, { r: 'rr', b: null, c: 'c-right' });
    expect(summary(threeDotChanges(left.tree, right.tree, base.tree))).toEqual([
      'removed b 2',
      'changed c 7',
      'added r 2',
    ]);
  });

  it('marks paths changed differently on both sides as conflicts', () => {
    const left = derive(base, { a: 'a-left', b: null });
    const right = derive(base, { a: 'a-right', b: 'b-right', c: null });
    expect(
      summary(threeDotChanges(left.tree, right.tree, base.tree)).map((s) =>
        s.split(' ').slice(0, 2).join(' '),
      ),
    ).toEqual(['conflict a', 'conflict b', 'removed c']);
  });

  it('groups changes under common prefixes with a delimiter', () => {
    const left = derive(emptySnapshot(), { 'x/1': '1', top: 't' });
    const right = derive(left, { 'x/1': '2', 'x/y/2': '2', 'z/3': '3', top: null, zz: 'z' });
    const changes = threeDotChanges(left.tree, right.tree, left.tree);
    const page = pageRows(openSorted(changes), { prefix: '', after: '', delimiter: '/', amount: 100 });
    expect(page.rows.map((r) => (r.value ? `${r.value.type} ${r.path}` : `prefix ${r.path}`))).toEqual([
      'removed top',
      'prefix x/',
      'prefix z/',
      'added zz',
    ]);
    const inside = pageRows(openSorted(changes), { prefix: 'x/', after: '', delimiter: '/', amount: 100 });
    expect(inside.rows.map((r) => r.path)).toEqual(['x/1', 'x/y/']);
    const next = pageRows(openSorted(changes), { prefix: '', after: 'x/', delimiter: '/', amount: 1 });
    expect(next).toEqual({ rows: [{ path: 'z/' }], hasMore: true });
  });
});

describe('uncommittedChanges', () => {
  it('hides identical re-uploads and tombstones of never-committed keys', () => {
    const head = derive(emptySnapshot(), { kept: 'k', gone: 'g', edited: 'e0' });
    const staging = emptyStaging();
    staging.set('kept', entry('k'));
    staging.set('gone', null);
    staging.set('never', null);
    staging.set('edited', entry('e1'));
    staging.set('new', entry('nn'));
    expect(summary([...uncommittedChanges(head.tree, staging)])).toEqual([
      'changed edited 2',
      'removed gone 0',
      'added new 2',
    ]);
  });
});
