import { BadRequestError, NotFoundError } from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

describe('commits', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('commits staged changes, shows the commit in log() and getCommit()', async () => {
    const repo = await repos.create('commit-log');
    const main = repo.branch('main');
    const initial = await run(main.getCommit());
    await run(main.object('data/a.csv').upload('id\n1\n'));
    const before = Date.now();
    const commit = await run(main.commit('add a.csv', { metadata: { source: 'test', ünï: 'cödé' } }));
    expect(commit).toMatchObject({
      message: 'add a.csv',
      parents: [initial.id],
      metadata: { source: 'test', ünï: 'cödé' },
    });
    expect(commit.id).toMatch(/^[0-9a-f]{64}$/);
    expect(commit.committer).not.toBe('');
    expect(commit.metaRangeId).not.toBe('');
    expect(commit.creationDate).toBeInstanceOf(Date);
    expect(Math.abs(commit.creationDate.getTime() - before)).toBeLessThan(60_000);
    expect(await run(main.getCommit())).toEqual(commit);
    expect(await run(repo.commit(commit.id).getCommit())).toEqual(commit);
    const log = await all(main.log());
    expect(log.map((c) => c.id)).toEqual([commit.id, initial.id]);
    expect(log[1]).toMatchObject({ message: 'Repository created', parents: [] });
    expect(await all(main.uncommitted())).toEqual([]);
  });

  it('keeps objects readable at a commit id while the branch moves on', async () => {
    const repo = await repos.create('commit-time');
    const main = repo.branch('main');
    await run(main.object('f.txt').upload('v1'));
    const c1 = await run(main.commit('v1'));
    await run(main.object('f.txt').upload('v2'));
    await run(main.object('g.txt').upload('new'));
    expect(await run(main.object('f.txt').text())).toBe('v2');
    // staged changes are visible on the branch but not at its head commit
    expect(await run(repo.commit(c1.id).object('f.txt').text())).toBe('v1');
    const c2 = await run(main.commit('v2'));
    expect(await run(repo.commit(c1.id).object('f.txt').text())).toBe('v1');
    expect(await run(repo.commit(c1.id).object('g.txt').exists())).toBe(false);
    expect((await all(repo.commit(c1.id).objects())).map((o) => o.path)).toEqual(['f.txt']);
    expect(await run(repo.commit(c2.id).object('f.txt').text())).toBe('v2');
    const head = await run(main.head());
    await run(main.object('f.txt').upload('v3'));
    await run(main.commit('v3'));
    expect(await run(head.object('f.txt').text())).toBe('v2');
    expect((await all(main.log({ maxAmount: 2 }))).map((c) => c.message)).toEqual(['v3', 'v2']);
  });

  it('fails with BadRequestError when there is nothing to commit; allowEmpty commits anyway', async () => {
    const repo = await repos.create('commit-empty');
    const main = repo.branch('main');
    await expect(run(main.commit('nothing'))).rejects.toBeInstanceOf(BadRequestError);
    await run(main.object('same.txt').upload('same'));
    const first = await run(main.commit('same'));
    // re-uploading identical content is no change either
    await run(main.object('same.txt').upload('same'));
    await expect(run(main.commit('identical'))).rejects.toBeInstanceOf(BadRequestError);
    await run(main.object('same.txt').delete());
    await run(main.object('same.txt').upload('same'));
    const empty = await run(main.commit('empty on purpose', { allowEmpty: true }));
    expect(empty.parents).toEqual([first.id]);
    expect(empty.metaRangeId).toBe(first.metaRangeId);
    expect(empty.message).toBe('empty on purpose');
  });

  it('commits deletions', async () => {
    const repo = await repos.create('commit-delete');
    const main = repo.branch('main');
    await run(main.object('gone.txt').upload('bye'));
    const c1 = await run(main.commit('add'));
    await run(main.object('gone.txt').delete());
    await run(main.commit('remove'));
    expect(await run(main.object('gone.txt').exists())).toBe(false);
    expect(await run(repo.commit(c1.id).object('gone.txt').text())).toBe('bye');
  });

  it('fails with NotFoundError for an unknown commit or branch', async () => {
    const repo = await repos.create('commit-missing');
    await expect(run(repo.commit('0'.repeat(64)).getCommit())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(repo.branch('nope').commit('x'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pages the log lazily with maxAmount and pageSize', async () => {
    const repo = await repos.create('commit-pages');
    const main = repo.branch('main');
    for (let i = 0; i < 5; i++) {
      await run(main.object('n').upload(String(i)));
      await run(main.commit(`c${i}`));
    }
    const paged = await all(main.log({ pageSize: 2 }));
    expect(paged.map((c) => c.message)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0', 'Repository created']);
    expect((await all(main.log({ pageSize: 2, maxAmount: 3 }))).map((c) => c.message)).toEqual([
      'c4',
      'c3',
      'c2',
    ]);
  });
});
