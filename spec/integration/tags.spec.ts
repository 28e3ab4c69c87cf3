import { ConflictError, NotFoundError, Tag, ValidationError } from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, countRequests, repoFixture, run } from './helpers/repoFixture';

describe('tags', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('creates a tag at a branch head, reads through it, lists and deletes it', async () => {
    const repo = await repos.create('tag-life');
    const main = repo.branch('main');
    await run(main.object('f.txt').upload('v1'));
    const c1 = await run(main.commit('v1'));
    const v1 = await run(repo.tag('v1.0').create('main'));
    expect(v1).toBeInstanceOf(Tag);
    expect(v1.id).toBe('v1.0');
    expect((await run(v1.getCommit())).id).toBe(c1.id);
    // a tag does not move with the branch
    await run(main.object('f.txt').upload('v2'));
    await run(main.commit('v2'));
    expect(await run(repo.tag('v1.0').object('f.txt').text())).toBe('v1');
    expect((await run(repo.tag('v1.0').getCommit())).id).toBe(c1.id);
    const listed = await all(repo.tags());
    expect(listed.map((t) => t.id)).toEqual(['v1.0']);
    expect(listed[0]).toBeInstanceOf(Tag);
    await run(repo.tag('v1.0').delete());
    expect(await all(repo.tags())).toEqual([]);
    await expect(run(repo.tag('v1.0').getCommit())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(repo.tag('v1.0').delete())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(repo.tag('v1.0').delete({ missingOk: true }))).resolves.toBeUndefined();
  });

  it('fails a duplicate with ConflictError; existOk leaves the tag where it was', async () => {
    const repo = await repos.create('tag-dup');
    const main = repo.branch('main');
    const first = await run(main.getCommit());
    await run(repo.tag('release').create(main));
    await run(main.object('x').upload('x'));
    await run(main.commit('moved on'));
    await expect(run(repo.tag('release').create('main'))).rejects.toBeInstanceOf(ConflictError);
    const again = await run(repo.tag('release').create('main', { existOk: true }));
    expect(again.id).toBe('release');
    expect((await run(again.getCommit())).id).toBe(first.id);
  });

  it('tags a commit id, an expression, and lists with prefix and paging', async () => {
    const repo = await repos.create('tag-list');
    const main = repo.branch('main');
    await run(main.object('a').upload('1'));
    const c1 = await run(main.commit('c1'));
    await run(main.object('a').upload('2'));
    await run(main.commit('c2'));
    await run(repo.tag('by-id').create(c1.id));
    await run(repo.tag('by-expr').create('main~1'));
    await run(repo.tag('other').create(repo.commit(c1.id)));
    expect((await run(repo.tag('by-expr').getCommit())).id).toBe(c1.id);
    expect((await all(repo.tags({ pageSize: 1 }))).map((t) => t.id)).toEqual(['by-expr', 'by-id', 'other']);
    expect((await all(repo.tags({ prefix: 'by-' }))).map((t) => t.id)).toEqual(['by-expr', 'by-id']);
    await expect(run(repo.tag('t').create('no-such-ref'))).rejects.toBeInstanceOf(NotFoundError);
  });

  itLocal('rejects invalid tag ids before sending anything', async () => {
    const repo = await repos.create('tag-bad');
    const { requests } = await countRequests(target, async () => {
      for (const bad of ['has space', 'a..b', 'ends.', 'x.lock', 'a/b', 'q?', '@', '']) {
        await expect(run(repo.tag(bad).create('main'))).rejects.toBeInstanceOf(ValidationError);
      }
    });
    expect(requests).toHaveLength(0);
  });
});
