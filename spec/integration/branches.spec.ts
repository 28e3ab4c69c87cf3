import { from, map } from 'rxjs';
import {
  Branch,
  ConflictError,
  DeleteObjectsError,
  NotFoundError,
  ObjectNotFoundError,
  ValidationError,
} from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, countRequests, repoFixture, run } from './helpers/repoFixture';

describe('branches', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('creates, lists, reads the head of, and deletes a branch', async () => {
    const repo = await repos.create('branch-life');
    const dev = repo.branch('dev');
    const created = await run(dev.create('main'));
    expect(created).toBeInstanceOf(Branch);
    expect(created.id).toBe('dev');
    const listed = await all(repo.branches());
    expect(listed.map((b) => b.id)).toEqual(['dev', 'main']);
    expect(listed.every((b) => b instanceof Branch && b.repositoryId === repo.id)).toBe(true);
    const mainHead = await run(repo.branch('main').head());
    const devHead = await run(dev.head());
    expect(devHead.id).toBe(mainHead.id);
    expect(devHead.id).toMatch(/^[0-9a-f]{64}$/);
    expect((await run(dev.getCommit())).id).toBe(devHead.id);
    await run(dev.delete());
    expect((await all(repo.branches())).map((b) => b.id)).toEqual(['main']);
    await expect(run(dev.head())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(dev.delete())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(dev.delete({ missingOk: true }))).resolves.toBeUndefined();
  });

  it('fails a duplicate with ConflictError, and existOk returns the existing branch untouched', async () => {
    const repo = await repos.create('branch-dup');
    const dev = repo.branch('dev');
    await run(dev.create('main'));
    await run(dev.object('only-on-dev.txt').upload('x'));
    await run(dev.commit('on dev'));
    const devHead = (await run(dev.head())).id;
    await expect(run(dev.create('main'))).rejects.toBeInstanceOf(ConflictError);
    const again = await run(dev.create('main', { existOk: true }));
    expect(again.id).toBe('dev');
    expect((await run(dev.head())).id).toBe(devHead);
  });

  it('creates from a commit id, a tag or another branch handle; unknown sources are NotFoundError', async () => {
    const repo = await repos.create('branch-src');
    const main = repo.branch('main');
    await run(main.object('a').upload('1'));
    const c1 = await run(main.commit('c1'));
    await run(main.object('a').upload('2'));
    await run(main.commit('c2'));
    const fromCommit = await run(repo.branch('at-c1').create(c1.id));
    expect(await run(fromCommit.object('a').text())).toBe('1');
    const fromHandle = await run(repo.branch('at-main').create(main));
    expect(await run(fromHandle.object('a').text())).toBe('2');
    await expect(run(repo.branch('nope').create('no-such-branch'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('does not copy uncommitted changes into a new branch', async () => {
    const repo = await repos.create('branch-staged');
    const main = repo.branch('main');
    await run(main.object('staged.txt').upload('not committed'));
    const dev = await run(repo.branch('dev').create(main));
    expect(await run(dev.object('staged.txt').exists())).toBe(false);
  });

  it('keeps hidden branches out of branches() unless showHidden', async () => {
    const repo = await repos.create('branch-hidden');
    await run(repo.branch('secret').create('main', { hidden: true }));
    expect((await all(repo.branches())).map((b) => b.id)).toEqual(['main']);
    expect((await all(repo.branches({ showHidden: true }))).map((b) => b.id)).toEqual(['main', 'secret']);
    expect((await run(repo.branch('secret').head())).id).toMatch(/^[0-9a-f]+$/);
  });

  it('pages branches lazily', async () => {
    const repo = await repos.create('branch-page');
    for (const id of ['b1', 'b2', 'b3', 'b4']) await run(repo.branch(id).create('main'));
    expect((await all(repo.branches({ pageSize: 2 }))).map((b) => b.id)).toEqual([
      'b1',
      'b2',
      'b3',
      'b4',
      'main',
    ]);
    expect((await all(repo.branches({ prefix: 'b', maxAmount: 3 }))).map((b) => b.id)).toEqual([
      'b1',
      'b2',
      'b3',
    ]);
  });

  itLocal('rejects invalid branch ids before sending anything', async () => {
    const repo = await repos.create('branch-bad');
    const { requests } = await countRequests(target, async () => {
      for (const bad of ['-dash', 'has/slash', 'dot.dot', 'tilde~1', '']) {
        await expect(run(repo.branch(bad).create('main'))).rejects.toBeInstanceOf(ValidationError);
      }
    });
    expect(requests).toHaveLength(0);
  });

  describe('deleteObjects', () => {
    itLocal('deletes 2,500 paths in 3 requests', async () => {
      const repo = await repos.create('bulk-delete');
      const main = repo.branch('main');
      const paths = Array.from({ length: 2500 }, (_, i) => `bulk/${String(i).padStart(4, '0')}`);
      for (const p of ['bulk/0000', 'bulk/1234', 'bulk/2499']) await run(main.object(p).upload(p));
      const { requests } = await countRequests(target, () => run(main.deleteObjects(paths)));
      const posts = requests.filter((r) => r.method === 'POST' && r.url.includes('/objects/delete'));
      expect(posts).toHaveLength(3);
      expect(requests).toHaveLength(3);
      expect(await all(main.objects({ prefix: 'bulk/' }))).toEqual([]);
    });

    it('accepts an Observable of ObjectInfo, e.g. a listing', async () => {
      const repo = await repos.create('bulk-listing');
      const main = repo.branch('main');
      for (const p of ['tmp/a', 'tmp/b', 'keep/c']) await run(main.object(p).upload(p));
      await run(
        main.deleteObjects(
          main.objects({ prefix: 'tmp/' }).pipe(map((o) => (o.type === 'object' ? o : o.path))),
        ),
      );
      expect((await all(main.objects())).map((o) => o.path)).toEqual(['keep/c']);
    });

    it('accepts object handles and is fine with missing paths', async () => {
      const repo = await repos.create('bulk-handles');
      const main = repo.branch('main');
      await run(main.object('x').upload('x'));
      await run(main.deleteObjects(from([main.object('x'), 'never-existed'])));
      await expect(run(main.object('x').stat())).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(run(main.deleteObjects([]))).resolves.toBeUndefined();
    });

    it('collects per-path refusals into DeleteObjectsError', async () => {
      const repo = await repos.create('bulk-ro', { readOnly: true });
      const error = await run(repo.branch('main').deleteObjects(['a', 'b'])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeleteObjectsError);
      const failures = (error as DeleteObjectsError).failures;
      expect(failures.map((f) => f.path).sort()).toEqual(['a', 'b']);
      expect(failures.every((f) => f.statusCode === 403)).toBe(true);
    });

    itLocal('pulls an iterable lazily, one batch per request', async () => {
      const repo = await repos.create('bulk-lazy');
      let pulled = 0;
      function* paths(): Generator<string> {
        for (let i = 0; i < 1500; i++) {
          pulled += 1;
          yield `p${i}`;
        }
      }
      const seen: number[] = [];
      const record = (): void => {
        seen.push(pulled);
      };
      target.server!.events.on('request', record);
      try {
        await run(repo.branch('main').deleteObjects(paths()));
      } finally {
        target.server!.events.off('request', record);
      }
      // the second batch is drawn from the generator only after the first request was answered
      expect(seen).toEqual([1000, 1500]);
    });
  });
});
