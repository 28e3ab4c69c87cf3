import {
  EMPTY,
  NEVER,
  Subject,
  concat,
  defer,
  firstValueFrom,
  from,
  lastValueFrom,
  map,
  throwError,
  toArray,
} from 'rxjs';
import {
  type Branch,
  ConflictError,
  type Repository,
  TransactionError,
  ValidationError,
  inTransaction,
  pollUntilDone,
} from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

/** Ids of the repository's hidden transaction branches. */
const txBranches = async (repo: Repository): Promise<string[]> =>
  (await all(repo.branches({ showHidden: true }))).map((b) => b.id).filter((id) => id.startsWith('tx-'));

/** The error `source` fails with (the test fails if it succeeds). */
async function failure(source: Promise<unknown>): Promise<TransactionError> {
  const error = await source.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransactionError);
  return error as TransactionError;
}

describe('transactions', () => {
  let target: TestTarget;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  /** A repository whose main branch has one committed object, `base.txt`. */
  async function seeded(label: string): Promise<{ repo: Repository; main: Branch; head: string }> {
    const repo = await repos.create(label);
    const main = repo.branch('main');
    await run(main.object('base.txt').upload('base'));
    const commit = await run(main.commit('seed'));
    return { repo, main, head: commit.id };
  }

  it('lands the work in one merge commit and leaves no transaction branch', async () => {
    const { repo, main, head } = await seeded('tx-ok');
    const result = await run(
      main.transact((tx) => concat(tx.object('etl/a.txt').upload('A'), tx.object('etl/b.txt').upload('B')), {
        commitMessage: 'nightly etl',
        commitMetadata: { run: '42' },
      }),
    );
    expect(result.commit.message).toBe('nightly etl');
    expect(result.commit.metadata).toMatchObject({ run: '42' });
    const merge = await run(main.getCommit());
    expect(merge.id).toBe(result.mergeRef);
    expect(merge.message).toMatch(/^Merge transaction tx-[0-9a-f-]{36} to branch$/);
    expect(merge.metadata).toMatchObject({ run: '42' });
    expect(merge.parents).toEqual([head, result.commit.id]);
    expect(await run(main.object('etl/a.txt').text())).toBe('A');
    expect(await run(main.object('etl/b.txt').text())).toBe('B');
    const log = await all(main.log({ firstParent: true, maxAmount: 2 }));
    expect(log.map((c) => c.id)).toEqual([result.mergeRef, head]);
    expect(await txBranches(repo)).toEqual([]);
  });

  it('leaves the branch untouched and deletes the transaction branch when the body fails', async () => {
    const { repo, main, head } = await seeded('tx-body-error');
    const boom = new Error('transform failed');
    let txId = '';
    const error = await failure(
      run(
        main.transact((tx) => {
          txId = tx.id;
          return concat(
            tx.object('partial.txt').upload('half'),
            throwError(() => boom),
          );
        }),
      ),
    );
    expect(error.cause).toBe(boom);
    expect(error.transactionBranch).toBe(txId);
    expect(error.branchDeleted).toBe(true);
    expect((await run(main.getCommit())).id).toBe(head);
    expect(await run(main.object('partial.txt').exists())).toBe(false);
    expect(await txBranches(repo)).toEqual([]);
  });

  it('keeps the transaction branch on error with deleteBranchOnError: false', async () => {
    const { repo, main, head } = await seeded('tx-keep');
    const error = await failure(
      run(
        main.transact(
          (tx) =>
            concat(
              tx.object('partial.txt').upload('half'),
              throwError(() => new Error('no')),
            ),
          {
            deleteBranchOnError: false,
          },
        ),
      ),
    );
    expect(error.branchDeleted).toBe(false);
    expect(await txBranches(repo)).toEqual([error.transactionBranch]);
    expect(await run(repo.branch(error.transactionBranch).object('partial.txt').text())).toBe('half');
    expect((await run(main.getCommit())).id).toBe(head);
    await run(repo.branch(error.transactionBranch).delete());
  });

  it('refuses a source branch with uncommitted changes and changes nothing', async () => {
    const { repo, main, head } = await seeded('tx-dirty');
    await run(main.object('staged.txt').upload('staged'));
    let ran = false;
    const error = await failure(
      run(
        main.transact((tx) => {
          ran = true;
          return tx.object('x.txt').upload('x');
        }),
      ),
    );
    expect(error.message).toMatch(/uncommitted changes/);
    // a refusal found up front, not a server answer
    expect(error.reason).toBe('dirty-branch');
    expect(error.cause).toBeUndefined();
    expect(ran).toBe(false);
    expect((await run(main.getCommit())).id).toBe(head);
    expect((await all(main.uncommitted())).map((c) => c.path)).toEqual(['staged.txt']);
    expect(await txBranches(repo)).toEqual([]);
  });

  it('fails with a ConflictError cause when the source branch gets a conflicting commit meanwhile', async () => {
    const { repo, main } = await seeded('tx-conflict');
    let conflicting = '';
    const error = await failure(
      run(
        main.transact((tx) =>
          concat(
            tx.object('base.txt').upload('from the transaction'),
            main.object('base.txt').upload('from someone else'),
            main.commit('concurrent change').pipe(map((c) => (conflicting = c.id))),
          ),
        ),
      ),
    );
    expect(error.cause).toBeInstanceOf(ConflictError);
    expect(error.branchDeleted).toBe(true);
    expect((await run(main.getCommit())).id).toBe(conflicting);
    expect(await run(main.object('base.txt').text())).toBe('from someone else');
    expect(await txBranches(repo)).toEqual([]);
  });

  it('tags the merge commit when asked', async () => {
    const { repo, main } = await seeded('tx-tag');
    const result = await run(main.transact((tx) => tx.object('v1.txt').upload('v1'), { tag: 'release-1' }));
    expect((await run(repo.tag('release-1').getCommit())).id).toBe(result.mergeRef);
  });

  it('fails before any work when the tag exists, leaving no transaction branch', async () => {
    const { repo, main, head } = await seeded('tx-tag-exists');
    await run(repo.tag('taken').create(head));
    let ran = false;
    const error = await failure(
      run(
        main.transact(
          (tx) => {
            ran = true;
            return tx.object('y.txt').upload('y');
          },
          { tag: 'taken' },
        ),
      ),
    );
    expect(error.reason).toBe('tag-exists');
    expect(error.cause).toBeUndefined();
    expect(error.message).toMatch(/tag taken already exists/);
    expect(ran).toBe(false);
    expect((await run(main.getCommit())).id).toBe(head);
    expect(await txBranches(repo)).toEqual([]);
  });

  it('fails with a TransactionError wrapping the ValidationError for a bad tag id', async () => {
    const { main } = await seeded('tx-bad-tag');
    const error = await failure(run(main.transact(() => EMPTY, { tag: 'bad tag' })));
    expect(error.cause).toBeInstanceOf(ValidationError);
  });

  it('deletes the transaction branch when unsubscribed mid-body', async () => {
    const { repo, main, head } = await seeded('tx-unsubscribe');
    const started = new Subject<string>();
    const subscription = main
      .transact((tx) =>
        concat(
          tx.object('never.txt').upload('never'),
          defer(() => {
            started.next(tx.id);
            return NEVER;
          }),
        ),
      )
      .subscribe();
    const txId = await firstValueFrom(started);
    expect(await txBranches(repo)).toEqual([txId]);
    subscription.unsubscribe();
    await lastValueFrom(
      pollUntilDone(() => from(txBranches(repo)), { isDone: (ids) => ids.length === 0, intervalMs: 10 }),
    );
    expect((await run(main.getCommit())).id).toBe(head);
  });

  it('completes without emitting and without a commit when the body changed nothing', async () => {
    const { repo, main, head } = await seeded('tx-empty');
    expect(await lastValueFrom(main.transact(() => EMPTY).pipe(toArray()))).toEqual([]);
    expect(
      await lastValueFrom(main.transact((tx) => tx.object('base.txt').upload('base')).pipe(toArray())),
    ).toEqual([]);
    expect((await run(main.getCommit())).id).toBe(head);
    expect(await txBranches(repo)).toEqual([]);
  });

  it('works as an operator inside a pipeline: one subscription, one transaction', async () => {
    const { repo, main, head } = await seeded('tx-operator');
    const rows = ['r1', 'r2', 'r3'];
    const results = await lastValueFrom(
      from(rows).pipe(
        inTransaction(main, (tx, row) => tx.object(`rows/${row}.txt`).upload(row.toUpperCase()), {
          commitMessage: 'load rows',
          concurrency: 2,
        }),
        toArray(),
      ),
    );
    expect(results).toHaveLength(1);
    const merge = await run(main.getCommit());
    expect(merge.id).toBe(results[0]!.mergeRef);
    expect(merge.parents[0]).toBe(head);
    expect(results[0]!.commit.message).toBe('load rows');
    expect((await all(main.objects({ prefix: 'rows/' }))).map((o) => o.path)).toEqual([
      'rows/r1.txt',
      'rows/r2.txt',
      'rows/r3.txt',
    ]);

    const failed = await failure(
      lastValueFrom(
        concat(
          from(['r4']),
          throwError(() => new Error('bad row')),
        ).pipe(inTransaction(main, (tx, row) => tx.object(`rows/${row}.txt`).upload(row))),
      ),
    );
    expect((failed.cause as Error).message).toBe('bad row');
    expect((await run(main.getCommit())).id).toBe(merge.id);
    expect(await run(main.object('rows/r4.txt').exists())).toBe(false);
    expect(await txBranches(repo)).toEqual([]);
  });
});
