import { BadRequestError, NotFoundError, type Branch, type Commit, type Repository } from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

/** Uploads `files` and commits them on `branch`. */
async function commitFiles(branch: Branch, message: string, files: Record<string, string>): Promise<Commit> {
  for (const [path, content] of Object.entries(files)) await run(branch.object(path).upload(content));
  return run(branch.commit(message));
}

describe('history', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  describe('ref expressions', () => {
    let repo: Repository;
    let initial: Commit;
    let a: Commit;
    let b: Commit;
    let f: Commit;
    let merge: Commit;
    beforeAll(async () => {
      // initial ─ a ─ b ─ merge      (main)
      //            └─ f ─┘           (feature)
      repo = await repos.create('refs');
      const main = repo.branch('main');
      initial = await run(main.getCommit());
      a = await commitFiles(main, 'a', { 'f.txt': 'a' });
      const feature = await run(repo.branch('feature').create(main));
      b = await commitFiles(main, 'b', { 'f.txt': 'b' });
      f = await commitFiles(feature, 'f', { 'g.txt': 'feature' });
      const mergeRef = await run(feature.mergeInto(main));
      merge = await run(repo.commit(mergeRef).getCommit());
    });

    it('records a merge commit with destination then source as parents', () => {
      expect(merge.parents).toEqual([b.id, f.id]);
      expect(merge.metadata['.lakefs.merge.strategy']).toBeDefined();
    });

    it('resolves ~N along first parents', async () => {
      const id = async (expr: string): Promise<string> => (await run(repo.ref(expr).getCommit())).id;
      expect(await id('main')).toBe(merge.id);
      expect(await id('main~1')).toBe(b.id);
      expect(await id('main~')).toBe(b.id);
      expect(await id('main~2')).toBe(a.id);
      expect(await id('main~~')).toBe(a.id);
      expect(await id('main~3')).toBe(initial.id);
      await expect(run(repo.ref('main~10').getCommit())).rejects.toBeInstanceOf(NotFoundError);
    });

    it('resolves ^N to the N-th parent of a merge', async () => {
      const id = async (expr: string): Promise<string> => (await run(repo.ref(expr).getCommit())).id;
      expect(await id('main^1')).toBe(b.id);
      expect(await id('main^')).toBe(b.id);
      expect(await id('main^2')).toBe(f.id);
      expect(await id('main^2~1')).toBe(a.id);
      // lakeFS answers a parent number past the parents with 400 (getCommit alone maps it to 500)
      await expect(all(repo.ref('main^3').log())).rejects.toBeInstanceOf(BadRequestError);
      await expect(all(repo.ref('main^3').objects())).rejects.toBeInstanceOf(BadRequestError);
    });

    it('reads objects through expressions', async () => {
      expect(await run(repo.ref('main~1').object('f.txt').text())).toBe('b');
      expect(await run(repo.ref('main^2').object('f.txt').text())).toBe('a');
      expect(await run(repo.ref('main~1').object('g.txt').exists())).toBe(false);
    });

    it('resolves unique commit-id prefixes', async () => {
      expect((await run(repo.commit(a.id.slice(0, 16)).getCommit())).id).toBe(a.id);
      expect(await run(repo.commit(b.id.slice(0, 16)).object('f.txt').text())).toBe('b');
    });

    it('reads committed data only through branch@', async () => {
      const main = repo.branch('main');
      await run(main.object('f.txt').upload('staged'));
      try {
        expect(await run(main.object('f.txt').text())).toBe('staged');
        expect(await run(repo.ref('main@').object('f.txt').text())).toBe('b');
        expect((await run(repo.ref('main@').getCommit())).id).toBe(merge.id);
        expect((await all(repo.ref('main@').objects())).map((o) => o.path)).toEqual(['f.txt', 'g.txt']);
      } finally {
        await run(main.resetChanges());
      }
    });
  });

  describe('log filters', () => {
    let repo: Repository;
    const c: Record<string, Commit> = {};
    beforeAll(async () => {
      repo = await repos.create('log-filters');
      const main = repo.branch('main');
      c.addA = await commitFiles(main, 'add data/a', { 'data/a': '1' });
      c.addB = await commitFiles(main, 'add other/b', { 'other/b': '1' });
      c.changeA = await commitFiles(main, 'change data/a', { 'data/a': '2' });
      c.addC = await commitFiles(main, 'add data/c', { 'data/c': '1' });
    });
    const messages = async (options: Parameters<Branch['log']>[0]): Promise<string[]> =>
      (await all(repo.branch('main').log(options))).map((commit) => commit.message);

    it('keeps only commits that touched the given objects', async () => {
      expect(await messages({ objects: ['data/a'] })).toEqual(['change data/a', 'add data/a']);
      expect(await messages({ objects: ['other/b', 'data/c'] })).toEqual(['add data/c', 'add other/b']);
    });

    it('keeps only commits that touched the given prefixes', async () => {
      expect(await messages({ prefixes: ['data/'] })).toEqual(['add data/c', 'change data/a', 'add data/a']);
      expect(await messages({ prefixes: ['other/'] })).toEqual(['add other/b']);
    });

    it('stops after maxAmount matches with limit', async () => {
      expect(await messages({ prefixes: ['data/'], limit: true, maxAmount: 2 })).toEqual([
        'add data/c',
        'change data/a',
      ]);
      expect(await messages({ prefixes: ['data/'], pageSize: 1 })).toHaveLength(3);
    });

    it('drops commits created before since', async () => {
      expect(await messages({ since: new Date(Date.now() + 3_600_000) })).toEqual([]);
      expect(await messages({ since: new Date(0) })).toHaveLength(5);
    });

    it('follows only first parents with firstParent', async () => {
      const r = await repos.create('log-first-parent');
      const main = r.branch('main');
      await commitFiles(main, 'm1', { m: '1' });
      const side = await run(r.branch('side').create(main));
      await commitFiles(side, 's1', { s: '1' });
      await commitFiles(side, 's2', { s: '2' });
      await commitFiles(main, 'm2', { m: '2' });
      const mergeRef = await run(side.mergeInto(main, { message: 'merge side' }));
      const full = await all(main.log());
      expect(full[0]!.id).toBe(mergeRef);
      expect(full.map((x) => x.message).sort()).toEqual(
        ['Repository created', 'm1', 'm2', 'merge side', 's1', 's2'].sort(),
      );
      const first = await all(main.log({ firstParent: true }));
      expect(first.map((x) => x.message)).toEqual(['merge side', 'm2', 'm1', 'Repository created']);
    });
  });
});
