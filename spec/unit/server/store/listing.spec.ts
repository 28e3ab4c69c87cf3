import BTree from 'sorted-btree';
import { compareKeys } from '../../../../src/server/store/compareKeys';
import { emptyStaging, emptyTree } from '../../../../src/server/store/emptyTree';
import { viewEntries, type WalkStats } from '../../../../src/server/store/objectView';
import { pageRows } from '../../../../src/server/store/pageRows';
import { entry } from '../storeFixture';

const key = (i: number): string =>
  `dir${String(Math.floor(i / 1000)).padStart(3, '0')}/file-${String(i).padStart(6, '0')}`;

describe('listing a branch of 100,000 objects', () => {
  const e = entry('x');
  const tree = emptyTree();
  for (let i = 0; i < 100_000; i++) tree.set(key(i), e);
  const staging = emptyStaging();
  staging.set(key(99_950), null);
  staging.set(`${key(99_960)}-new`, entry('y'));
  const view = { tree, staging };

  const page = (after: string, delimiter = '') => {
    const stats: WalkStats = { visited: 0 };
    const result = pageRows((from) => viewEntries(view, from, stats), {
      prefix: '',
      after,
      delimiter,
      amount: 100,
    });
    return { ...result, visited: stats.visited };
  };

  it('costs the same near the end as at the start', () => {
    const first = page('');
    const last = page(key(99_900));
    expect(first.rows).toHaveLength(100);
    expect(first.hasMore).toBe(true);
    expect(first.visited).toBeLessThanOrEqual(2 * 101 + 2);
    expect(last.visited).toBeLessThanOrEqual(2 * 101 + 2);
    expect(last.rows[0]?.path).toBe(key(99_901));
  });

  it('merges staging: tombstones hide, staged entries appear, the end has no more', () => {
    const last = page(key(99_900));
    const paths = last.rows.map((r) => r.path);
    expect(paths).not.toContain(key(99_950));
    expect(paths).toContain(`${key(99_960)}-new`);
    expect(paths).toHaveLength(99);
    expect(last.hasMore).toBe(false);
  });

  it('seeks past each common prefix instead of walking it', () => {
    const all = page('', '/');
    expect(all.rows.map((r) => r.path)).toEqual(
      Array.from({ length: 100 }, (_, i) => `dir${String(i).padStart(3, '0')}/`),
    );
    expect(all.visited).toBeLessThanOrEqual(2 * 101 + 2);
    const next = page('dir050/', '/');
    expect(next.rows[0]?.path).toBe('dir051/');
    expect(next.visited).toBeLessThanOrEqual(2 * 51 + 2);
  });

  it('orders keys by UTF-8 bytes', () => {
    const t = new BTree<string, number>(undefined, compareKeys);
    for (const k of ['\u{1F600}', '\uFF5E', 'z', 'a b', 'a+b', 'a%b']) t.set(k, 1);
    expect([...t.keys()]).toEqual(['a b', 'a%b', 'a+b', 'z', '\uFF5E', '\u{1F600}']);
  });
});
