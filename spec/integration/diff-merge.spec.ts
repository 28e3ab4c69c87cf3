import {
  BadRequestError,
  ConflictError,
  ValidationError,
  type Branch,
  type Change,
  type Commit,
  type Repository,
} from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

async function commitFiles(
  branch: Branch,
  message: string,
  files: Record<string, string | null>,
): Promise<Commit> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) await run(branch.object(path).delete());
    else await run(branch.object(path).upload(content));
  }
  return run(branch.commit(message));
}

const rows = (changes: Change[]): [string, string][] => changes.map((c) => [c.type, c.path]);

/** Everything on `branch` as `{ path: content }`. */
async function contents(branch: Branch): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const o of await all(branch.objects())) out[o.path] = await run(branch.object(o.path).text());
  return out;
}

describe('diff and merge', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  /** A repository whose main holds keep.txt, change.txt and remove.txt, plus a feature branch from it. */
  async function withFeature(label: string): Promise<{ repo: Repository; main: Branch; feature: Branch }> {
    const repo = await repos.create(label);
    const main = repo.branch('main');
    await commitFiles(main, 'base', { 'keep.txt': 'keep', 'change.txt': 'old', 'remove.txt': 'bye' });
    const feature = await run(repo.branch('feature').create(main));
    return { repo, main, feature };
  }

  it('branch → change → diff shows it → merge → diff empty → main has the content', async () => {
    const { repo, main, feature } = await withFeature('flow');
    await run(feature.object('added.txt').upload('new file'));
    await run(feature.object('change.txt').upload('new content'));
    await run(feature.object('remove.txt').delete());
    const uncommitted = await all(feature.uncommitted());
    expect(rows(uncommitted)).toEqual([
      ['added', 'added.txt'],
      ['changed', 'change.txt'],
      ['removed', 'remove.txt'],
    ]);
    expect(uncommitted[0]).toMatchObject({ pathType: 'object', sizeBytes: 8 });
    // uncommitted changes are not part of a refs diff
    expect(await all(main.diff(feature))).toEqual([]);
    const featureCommit = await run(feature.commit('feature work'));
    const diff = await all(main.diff(feature));
    expect(rows(diff)).toEqual([
      ['added', 'added.txt'],
      ['changed', 'change.txt'],
      ['removed', 'remove.txt'],
    ]);
    expect(diff.find((c) => c.path === 'change.txt')?.sizeBytes).toBe(11);
    expect(rows(await all(main.diff(feature, { type: 'two_dot' })))).toEqual(rows(diff));
    expect(rows(await all(main.diff(feature, { prefix: 'c' })))).toEqual([['changed', 'change.txt']]);
    expect(rows(await all(main.diff(feature, { maxAmount: 1 })))).toEqual([['added', 'added.txt']]);
    // the reverse direction mirrors it
    expect(rows(await all(feature.diff(main, { type: 'two_dot' })))).toEqual([
      ['removed', 'added.txt'],
      ['changed', 'change.txt'],
      ['added', 'remove.txt'],
    ]);

    const mainHead = await run(main.getCommit());
    const mergeRef = await run(
      feature.mergeInto(main, { message: 'land feature', metadata: { by: 'test' } }),
    );
    const mergeCommit = await run(repo.commit(mergeRef).getCommit());
    expect(mergeCommit).toMatchObject({ message: 'land feature', parents: [mainHead.id, featureCommit.id] });
    expect(mergeCommit.metadata).toMatchObject({ by: 'test', '.lakefs.merge.strategy': 'default' });
    expect((await run(main.getCommit())).id).toBe(mergeRef);
    expect(await all(main.diff(feature))).toEqual([]);
    expect(await all(main.diff(feature, { type: 'two_dot' }))).toEqual([]);
    expect(await contents(main)).toEqual({
      'added.txt': 'new file',
      'change.txt': 'new content',
      'keep.txt': 'keep',
    });
  });

  it('answers an up-to-date merge with BadRequestError; allowEmpty makes an empty merge commit', async () => {
    const { main, feature } = await withFeature('uptodate');
    await expect(run(feature.mergeInto(main))).rejects.toBeInstanceOf(BadRequestError);
    const before = await run(main.getCommit());
    const ref = await run(feature.mergeInto(main, { allowEmpty: true }));
    const after = await run(main.getCommit());
    expect(after.id).toBe(ref);
    expect(after.parents[0]).toBe(before.id);
    expect(after.metaRangeId).toBe(before.metaRangeId);
  });

  it('fails to merge into a branch with uncommitted changes (BadRequestError)', async () => {
    const { main, feature } = await withFeature('dirty');
    await commitFiles(feature, 'f', { 'f.txt': 'f' });
    await run(main.object('dirty.txt').upload('uncommitted'));
    const head = await run(main.getCommit());
    await expect(run(feature.mergeInto(main))).rejects.toBeInstanceOf(BadRequestError);
    expect((await run(main.getCommit())).id).toBe(head.id);
    expect(rows(await all(main.uncommitted()))).toEqual([['added', 'dirty.txt']]);
  });

  it('squash-merges with a single parent', async () => {
    const { repo, main, feature } = await withFeature('squash');
    await commitFiles(feature, 'f', { 'f.txt': 'f' });
    const head = await run(main.getCommit());
    const ref = await run(feature.mergeInto(main, { squash: true }));
    expect((await run(repo.commit(ref).getCommit())).parents).toEqual([head.id]);
    expect(await run(main.object('f.txt').text())).toBe('f');
  });

  describe('conflicts', () => {
    async function conflicting(label: string) {
      const setup = await withFeature(label);
      await commitFiles(setup.main, 'main side', { 'change.txt': 'from main', 'main-only.txt': 'm' });
      await commitFiles(setup.feature, 'feature side', {
        'change.txt': 'from feature',
        'feature-only.txt': 'f',
      });
      return setup;
    }

    it('fails with ConflictError and leaves both branches untouched', async () => {
      const { main, feature } = await conflicting('conflict');
      const mainHead = await run(main.getCommit());
      const featureHead = await run(feature.getCommit());
      const diff = await all(main.diff(feature));
      expect(rows(diff)).toEqual([
        ['conflict', 'change.txt'],
        ['added', 'feature-only.txt'],
      ]);
      await expect(run(feature.mergeInto(main))).rejects.toBeInstanceOf(ConflictError);
      expect((await run(main.getCommit())).id).toBe(mainHead.id);
      expect((await run(feature.getCommit())).id).toBe(featureHead.id);
      expect(await run(main.object('change.txt').text())).toBe('from main');
      expect(await run(feature.object('change.txt').text())).toBe('from feature');
      expect(await all(main.uncommitted())).toEqual([]);
    });

    it('source-wins takes the source version; dest-wins keeps the destination', async () => {
      const { repo, main, feature } = await conflicting('strategies');
      const other = await run(repo.branch('other').create(main));
      const ref = await run(feature.mergeInto(main, { strategy: 'source-wins' }));
      expect((await run(repo.commit(ref).getCommit())).metadata['.lakefs.merge.strategy']).toBe(
        'source-wins',
      );
      expect(await contents(main)).toEqual({
        'change.txt': 'from feature',
        'feature-only.txt': 'f',
        'keep.txt': 'keep',
        'main-only.txt': 'm',
        'remove.txt': 'bye',
      });
      await run(feature.mergeInto(other, { strategy: 'dest-wins' }));
      expect(await run(other.object('change.txt').text())).toBe('from main');
      expect(await run(other.object('feature-only.txt').text())).toBe('f');
    });

    it('treats delete-vs-modify as a conflict', async () => {
      const { main, feature } = await withFeature('delete-modify');
      await commitFiles(main, 'delete', { 'change.txt': null });
      await commitFiles(feature, 'modify', { 'change.txt': 'modified' });
      await expect(run(feature.mergeInto(main))).rejects.toBeInstanceOf(ConflictError);
    });
  });

  it('groups diffs under common prefixes with a delimiter', async () => {
    const { main, feature } = await withFeature('diff-delim');
    await commitFiles(feature, 'nested', { 'dir/a': '1', 'dir/sub/b': '2', 'top.txt': 't' });
    const grouped = await all(main.diff(feature, { delimiter: '/' }));
    expect(grouped.map((c) => [c.type, c.path, c.pathType])).toEqual([
      ['prefix_changed', 'dir/', 'common_prefix'],
      ['added', 'top.txt', 'object'],
    ]);
    expect(rows(await all(main.diff(feature, { prefix: 'dir/', delimiter: '/' })))).toEqual([
      ['added', 'dir/a'],
      ['prefix_changed', 'dir/sub/'],
    ]);
    await run(feature.object('dir/c').upload('3'));
    await run(feature.object('loose').upload('l'));
    expect(rows(await all(feature.uncommitted({ delimiter: '/' })))).toEqual([
      ['prefix_changed', 'dir/'],
      ['added', 'loose'],
    ]);
    expect(rows(await all(feature.uncommitted({ prefix: 'dir/' })))).toEqual([['added', 'dir/c']]);
  });

  it('pages a long diff lazily', async () => {
    const { main, feature } = await withFeature('diff-pages');
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`p/${i}`, String(i)]));
    await commitFiles(feature, 'many', files);
    expect((await all(main.diff(feature, { pageSize: 3 }))).map((c) => c.path)).toEqual(Object.keys(files));
  });

  describe('cherry-pick and revert', () => {
    it('cherry-picks a commit onto another branch', async () => {
      const { main, feature } = await withFeature('cherry');
      const picked = await commitFiles(feature, 'useful fix', {
        'fix.txt': 'fixed',
        'change.txt': 'patched',
      });
      await commitFiles(feature, 'unrelated', { 'noise.txt': 'noise' });
      const mainHead = await run(main.getCommit());
      const commit = await run(main.cherryPick(picked.id));
      expect(commit.parents).toEqual([mainHead.id]);
      expect(commit.message).toBe('useful fix');
      expect(commit.metadata['cherry-pick-origin']).toBe(picked.id);
      expect((await run(main.getCommit())).id).toBe(commit.id);
      expect(await contents(main)).toEqual({
        'change.txt': 'patched',
        'fix.txt': 'fixed',
        'keep.txt': 'keep',
        'remove.txt': 'bye',
      });
    });

    it('reverts the last commit, restoring the previous content', async () => {
      const { main } = await withFeature('revert');
      const before = await contents(main);
      const bad = await commitFiles(main, 'bad change', {
        'change.txt': 'broken',
        'junk.txt': 'junk',
        'keep.txt': null,
      });
      const head = await run(main.revert(bad.id));
      expect(head.parents).toEqual([bad.id]);
      expect(head.message).toContain('Revert');
      expect((await run(main.getCommit())).id).toBe(head.id);
      expect(await contents(main)).toEqual(before);
    });

    it('needs parentNumber to revert a merge commit', async () => {
      const { repo, main, feature } = await withFeature('revert-merge');
      const before = await contents(main);
      await commitFiles(feature, 'feature', { 'from-feature.txt': 'f' });
      const mergeRef = await run(feature.mergeInto(main));
      const error = await run(main.revert(mergeRef)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((await run(main.getCommit())).id).toBe(mergeRef);
      const head = await run(main.revert(repo.commit(mergeRef), { parentNumber: 1 }));
      expect(head.parents).toEqual([mergeRef]);
      expect(await contents(main)).toEqual(before);
      await expect(run(main.revert(mergeRef, { parentNumber: 0 }))).rejects.toBeInstanceOf(ValidationError);
    });

    it('needs parentNumber to cherry-pick a merge commit', async () => {
      const { repo, main, feature } = await withFeature('cherry-merge');
      await commitFiles(feature, 'feature', { 'from-feature.txt': 'f' });
      const mergeRef = await run(feature.mergeInto(main));
      const other = await run(repo.branch('other').create(`${mergeRef}~1`));
      await expect(run(other.cherryPick(mergeRef))).rejects.toBeInstanceOf(BadRequestError);
      await run(other.cherryPick(mergeRef, { parentNumber: 1 }));
      expect(await run(other.object('from-feature.txt').text())).toBe('f');
    });
  });

  describe('resetChanges', () => {
    it('resets one object, then a prefix, then everything', async () => {
      const repo = await repos.create('reset');
      const main = repo.branch('main');
      await commitFiles(main, 'base', { 'a/1': 'one', 'a/2': 'two', 'b/1': 'b-one' });
      await run(main.object('a/1').upload('changed'));
      await run(main.object('a/3').upload('new'));
      await run(main.object('b/1').delete());
      await run(main.object('c').upload('c'));
      expect(rows(await all(main.uncommitted()))).toEqual([
        ['changed', 'a/1'],
        ['added', 'a/3'],
        ['removed', 'b/1'],
        ['added', 'c'],
      ]);

      await run(main.resetChanges({ pathType: 'object', path: 'a/1' }));
      expect(await run(main.object('a/1').text())).toBe('one');
      expect(rows(await all(main.uncommitted()))).toEqual([
        ['added', 'a/3'],
        ['removed', 'b/1'],
        ['added', 'c'],
      ]);

      await run(main.resetChanges({ pathType: 'common_prefix', path: 'a/' }));
      expect(await run(main.object('a/3').exists())).toBe(false);
      expect(rows(await all(main.uncommitted()))).toEqual([
        ['removed', 'b/1'],
        ['added', 'c'],
      ]);

      await run(main.resetChanges());
      expect(await all(main.uncommitted())).toEqual([]);
      expect(await contents(main)).toEqual({ 'a/1': 'one', 'a/2': 'two', 'b/1': 'b-one' });
    });

    it('requires a path to reset an object', async () => {
      const repo = await repos.create('reset-bad');
      await expect(run(repo.branch('main').resetChanges({ pathType: 'object' }))).rejects.toBeInstanceOf(
        ValidationError,
      );
    });
  });
});
