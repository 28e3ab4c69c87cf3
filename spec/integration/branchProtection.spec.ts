import { type Observable, catchError, defer, of, repeat, takeWhile } from 'rxjs';
import {
  DeleteObjectsError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { repoFixture, run } from './helpers/repoFixture';

/**
 * lakeFS caches repository settings (branch protection included) for 3 s plus a random jitter of up to
 * 3 s from the first read, so a new rule is enforced up to ~6 s after it was set (measured: 4.5–5.6 s).
 * Re-run `probe` every 100 ms until `done` holds for what it emits or the error it fails with; the cap
 * (200 tries, 20 s and more) is only there to end a broken run, far beyond that window.
 */
function eventually<T>(probe: Observable<T>, done: (outcome: unknown) => boolean): Promise<unknown> {
  return run(
    defer(() => probe.pipe(catchError((e: unknown) => of(e)))).pipe(
      repeat({ count: 200, delay: 100 }),
      takeWhile((outcome) => !done(outcome), true),
    ),
  );
}

describe('branch protection and GC rules', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('sets rules, conditions a replacement on the ETag, and reports a concurrent change', async () => {
    const repo = await repos.create('bp-etag');
    const protection = repo.branchProtection();
    const initial = await run(protection.get());
    expect(initial.patterns).toEqual([]);
    await run(protection.set(['main', 'release-*'], { ifMatch: initial.etag }));
    const after = (await eventually(
      protection.get(),
      (r) => (r as typeof initial).patterns?.length === 2,
    )) as typeof initial;
    // a real lakeFS keeps the rules in a map: their order is not part of the answer
    expect([...after.patterns].sort()).toEqual(['main', 'release-*']);
    expect(after.etag).not.toBe(initial.etag);
    await run(protection.update((patterns) => patterns.filter((p) => p !== 'main')));
    const updated = await eventually(protection.get(), (r) => (r as typeof initial).patterns?.length === 1);
    expect((updated as typeof initial).patterns).toEqual(['release-*']);
    // a writer still holding the ETag read before that update loses
    await expect(run(protection.set(['x'], { ifMatch: after.etag }))).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(run(protection.set(['']))).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses staging writes, commits and resets on a protected branch, and allows merges into it', async () => {
    const repo = await repos.create('bp-enforce');
    const main = repo.branch('main');
    const feature = await run(repo.branch('feature').create('main'));
    const mark = await run(repo.branch('mark').create('main'));
    await run(feature.object('f.txt').upload('from feature'));
    await run(feature.commit('feature work'));
    await run(repo.branchProtection().set(['ma*']));
    // the rule is in force once a probe write is refused
    const probe = await eventually(mark.object('probe').upload('p'), (o) => o instanceof ForbiddenError);
    expect(probe).toBeInstanceOf(ForbiddenError);

    const refused = async (work: Promise<unknown>, message: string): Promise<void> => {
      const error = await work.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).serverMessage).toBe(message);
    };
    await refused(run(main.object('a.txt').upload('x')), 'cannot write to protected branch');
    await refused(run(main.object('a.txt').delete()), 'cannot write to protected branch');
    // a batch delete answers 200 and reports each path refused; the client raises them together
    const batch = await run(main.deleteObjects(['a.txt', 'b/c.txt'])).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(batch).toBeInstanceOf(DeleteObjectsError);
    expect((batch as DeleteObjectsError).failures).toEqual([
      { path: 'a.txt', statusCode: 403, message: 'cannot write to protected branch' },
      { path: 'b/c.txt', statusCode: 403, message: 'cannot write to protected branch' },
    ]);
    await refused(run(main.commit('direct', { allowEmpty: true })), 'cannot commit to protected branch');
    await refused(run(main.resetChanges()), 'cannot write to protected branch');
    await refused(run(target.lakefs.api.hardResetBranch(repo.id, 'main', 'main')), 'protected branch');
    // merges are not blocked: the merge commit lands on the protected branch
    await run(repo.ref('feature').mergeInto('main'));
    expect(await run(main.object('f.txt').text())).toBe('from feature');
    // a branch the patterns do not match stays writable
    await run(feature.object('g.txt').upload('still writable'));
  });

  it('stores, returns and deletes GC rules', async () => {
    const repo = await repos.create('gc-rules');
    const gc = repo.gcRules();
    await expect(run(gc.get())).rejects.toBeInstanceOf(NotFoundError);
    const rules = { defaultRetentionDays: 21, branches: [{ branchId: 'main', retentionDays: 7 }] };
    await run(gc.set(rules));
    expect(await run(gc.get())).toEqual(rules);
    await run(gc.delete());
    await expect(run(gc.get())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(gc.set({ defaultRetentionDays: 1.5, branches: [] }))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
