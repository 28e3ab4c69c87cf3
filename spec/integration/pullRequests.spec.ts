import { BadRequestError, NotFoundError, PullRequestHandle } from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

describe('pull requests', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('creates, lists by status, updates and merges a pull request', async () => {
    const repo = await repos.create('pulls');
    const feature = await run(repo.branch('feature').create('main'));
    await run(feature.object('f.txt').upload('feature'));
    await run(feature.commit('feature work'));
    const pulls = repo.pullRequests();
    const first = await run(
      pulls.create({
        title: 'Add f',
        description: 'adds f.txt',
        sourceBranch: 'feature',
        destinationBranch: 'main',
      }),
    );
    expect(first).toBeInstanceOf(PullRequestHandle);
    const second = await run(
      pulls.create({ title: 'Other', sourceBranch: 'feature', destinationBranch: 'main' }),
    );

    const got = await run(first.get());
    expect(got).toMatchObject({
      id: first.id,
      status: 'open',
      title: 'Add f',
      description: 'adds f.txt',
      sourceBranch: 'feature',
      destinationBranch: 'main',
    });
    expect(got.author).not.toBe('');
    expect(got.creationDate.getTime()).not.toBeNaN();
    expect((await all(pulls.list())).map((p) => p.id)).toEqual([first.id, second.id]);

    await run(second.update({ status: 'closed', title: 'Other (dropped)' }));
    expect((await run(second.get())).title).toBe('Other (dropped)');
    expect((await all(pulls.list({ status: 'open' }))).map((p) => p.id)).toEqual([first.id]);
    expect((await all(pulls.list({ status: 'closed' }))).map((p) => p.id)).toEqual([second.id]);

    const merged = await run(first.merge());
    expect(await run(repo.branch('main').object('f.txt').text())).toBe('feature');
    const after = await run(first.get());
    expect(after).toMatchObject({ status: 'merged', mergedCommitId: merged });
    expect(after.closedDate).toBeInstanceOf(Date);
    // closed lists merged ones too
    expect((await all(pulls.list({ status: 'closed' }))).map((p) => p.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    // only an open pull request merges
    await expect(run(first.merge())).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuses a missing branch, the same branch twice, and an invalid id', async () => {
    const repo = await repos.create('pulls-bad');
    const pulls = repo.pullRequests();
    await expect(
      run(pulls.create({ title: 't', sourceBranch: 'nope', destinationBranch: 'main' })),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      run(pulls.create({ title: 't', sourceBranch: 'main', destinationBranch: 'main' })),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(run(pulls.get('not-an-id').get())).rejects.toBeInstanceOf(BadRequestError);
  });
});
