import { emptySnapshot } from '../../../../src/server/store/emptyTree';
import { mergeTrees } from '../../../../src/server/store/mergeTrees';
import { TreeBuilder } from '../../../../src/server/store/TreeBuilder';
import type { TreeSnapshot } from '../../../../src/server/store/types';
import { contentOf, entry } from '../storeFixture';

function derive(from: TreeSnapshot, files: Record<string, string | null>): TreeSnapshot {
  const b = new TreeBuilder(from);
  for (const [k, v] of Object.entries(files)) b.put(k, v === null ? null : entry(v));
  return b.finish();
}

describe('mergeTrees', () => {
  const base = derive(emptySnapshot(), { keep: 'k', a: 'a0', b: 'b0', c: 'c0', same: 's0' });

  it('applies source additions, removals and changes where the destination kept the base', () => {
    const dest = derive(base, { 'dest-added': 'd' });
    const source = derive(base, { added: 'n', a: null, b: 'b1' });
    const out = mergeTrees(base.tree, dest, source.tree);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(contentOf(out.snapshot.tree)).toEqual({
      keep: 'k',
      added: 'n',
      b: 'b1',
      c: 'c0',
      same: 's0',
      'dest-added': 'd',
    });
  });

  it('keeps destination-only changes (added, removed, changed on the destination side)', () => {
    const dest = derive(base, { x: 'x', a: null, b: 'b-dest' });
    const source = derive(base, { y: 'y' });
    const out = mergeTrees(base.tree, dest, source.tree);
    expect(out.ok && contentOf(out.snapshot.tree)).toEqual({
      keep: 'k',
      x: 'x',
      y: 'y',
      b: 'b-dest',
      c: 'c0',
      same: 's0',
    });
  });

  it('takes identical changes on both sides without conflict', () => {
    const dest = derive(base, { same: 's1', a: null, both: 'z' });
    const source = derive(base, { same: 's1', a: null, both: 'z' });
    const out = mergeTrees(base.tree, dest, source.tree);
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.changes).toBe(0);
  });

  it.each([
    ['changed on both sides', { c: 'c-dest' }, { c: 'c-src' }],
    ['removed on the destination, changed on the source', { c: null }, { c: 'c-src' }],
    ['changed on the destination, removed on the source', { c: 'c-dest' }, { c: null }],
    ['added differently on both sides', { n: 'n-dest' }, { n: 'n-src' }],
  ])('reports a conflict when %s', (_name, destFiles, sourceFiles) => {
    const dest = derive(base, destFiles);
    const source = derive(base, sourceFiles);
    const out = mergeTrees(base.tree, dest, source.tree);
    expect(out).toEqual({ ok: false, conflict: Object.keys(destFiles)[0] });
  });

  it('resolves conflicts with source-wins and dest-wins', () => {
    const dest = derive(base, { c: 'c-dest', a: null });
    const source = derive(base, { c: 'c-src', a: 'a-src' });
    const src = mergeTrees(base.tree, dest, source.tree, 'source-wins');
    const dst = mergeTrees(base.tree, dest, source.tree, 'dest-wins');
    expect(src.ok && contentOf(src.snapshot.tree)).toMatchObject({ c: 'c-src', a: 'a-src' });
    expect(dst.ok && contentOf(dst.snapshot.tree)).toMatchObject({ c: 'c-dest' });
    expect(dst.ok && contentOf(dst.snapshot.tree)).not.toHaveProperty('a');
  });

  it('gives equal digests to equal content reached by different edit orders', () => {
    const one = derive(derive(base, { p: '1' }), { q: '2' });
    const two = derive(derive(base, { q: '2', a: 'tmp' }), { p: '1', a: 'a0' });
    expect(one.contentDigest).toBe(two.contentDigest);
    expect(derive(one, { p: '3' }).contentDigest).not.toBe(one.contentDigest);
  });
});
