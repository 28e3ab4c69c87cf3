import { lastValueFrom, tap } from 'rxjs';
import {
  type LakeFS,
  NetworkError,
  type Repository,
  TimeoutError,
  retryPolicyFrom,
  retryWithBackoff,
  TransactionError,
  type TransactionResult,
} from '../../../src';
import type { FaultKind, FaultMatcher } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, failureOf, txBranches } from './support';

/** The request of each transaction step, recognised by its path on the `tx-…` branch. */
const STEPS: Record<string, (repo: string) => FaultMatcher> = {
  'create branch': (r) => (m, p) => m === 'POST' && p === `/api/v1/repositories/${r}/branches`,
  'body upload': (r) => (m, p) =>
    m === 'POST' && new RegExp(`^/api/v1/repositories/${r}/branches/tx-[^/]+/objects$`).test(p),
  commit: (r) => (m, p) =>
    m === 'POST' && new RegExp(`^/api/v1/repositories/${r}/branches/tx-[^/]+/commits$`).test(p),
  merge: (r) => (m, p) =>
    m === 'POST' && new RegExp(`^/api/v1/repositories/${r}/refs/tx-[^/]+/merge/main$`).test(p),
  'delete branch': (r) => (m, p) =>
    m === 'DELETE' && new RegExp(`^/api/v1/repositories/${r}/branches/tx-[^/]+$`).test(p),
};

const KINDS: readonly FaultKind[] = [
  'unavailable',
  'throttle',
  'reset-before',
  'reset-after',
  'truncate',
  'hang',
];

/** What the source branch looks like after the transaction. */
type Outcome = 'landed' | 'unchanged';

describe('transactions under a fault at each step', () => {
  let target: TestTarget;
  let client: LakeFS;
  beforeAll(async () => {
    target = await startTarget();
    // A short response timeout turns 'hang' into a TimeoutError quickly.
    client = target.client({ timeoutMs: 300, retry: { maxAttempts: 4, baseDelayMs: 1 } });
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(() => target.close());

  /** A repository whose main has one committed object; returns main's head commit id. */
  async function seeded(): Promise<{ repo: Repository; head: string }> {
    const repo = client.repository(target.repoId('tx-fault'));
    await lastValueFrom(repo.create());
    await lastValueFrom(repo.branch('main').object('base.txt').upload('base'));
    const commit = await lastValueFrom(repo.branch('main').commit('seed'));
    return { repo, head: commit.id };
  }

  /** Whether main holds exactly the transaction's work on top of `head`, or is exactly as before. */
  async function outcomeOf(repo: Repository, head: string): Promise<Outcome> {
    const main = repo.branch('main');
    const now = await lastValueFrom(main.getCommit());
    const paths = (await all(main.objects())).map((o) => o.path);
    if (now.id === head) {
      expect(paths).toEqual(['base.txt']);
      return 'unchanged';
    }
    expect(now.message).toMatch(/^Merge transaction tx-[0-9a-f-]{36} to branch$/);
    expect(now.parents[0]).toBe(head);
    expect(paths).toEqual(['base.txt', 'etl/x.txt']);
    expect(await lastValueFrom(main.object('etl/x.txt').text())).toBe('x');
    expect(await all(main.log())).toHaveLength(4);
    return 'landed';
  }

  for (const [step, matcher] of Object.entries(STEPS)) {
    for (const kind of KINDS) {
      itLocal(`a '${kind}' at ${step} lands fully or leaves main unchanged, and no tx- branch`, async () => {
        const { repo, head } = await seeded();
        target.server!.faults.inject(kind, { match: matcher(repo.id) });
        let result: TransactionResult | undefined;
        const error = await failureOf(
          repo
            .branch('main')
            .transact((tx) => tx.object('etl/x.txt').upload('x'), { commitMessage: 'etl' })
            .pipe(tap((r) => (result = r))),
        );
        const outcome = await outcomeOf(repo, head);
        // Landed ⇔ emitted, except when the merge happened but its answer was lost (see below).
        if (error === undefined) {
          expect(outcome).toBe('landed');
          expect(result?.mergeRef).toBe((await lastValueFrom(repo.branch('main').getCommit())).id);
        } else {
          expect(error).toBeInstanceOf(TransactionError);
          const cause = (error as TransactionError).cause;
          if (outcome === 'landed') {
            // Only a merge that ran on the server while its answer was lost can land and still fail.
            expect(step).toBe('merge');
            expect(['reset-after', 'truncate']).toContain(kind);
            expect(cause).toBeInstanceOf(NetworkError);
          }
          if (kind === 'hang') expect(cause).toBeInstanceOf(TimeoutError);
        }
        expect(await txBranches(repo)).toEqual([]);
      });
    }
  }

  itLocal(
    'a merge whose answer was lost is recognised at the source head and reported as landed',
    async () => {
      const { repo, head } = await seeded();
      target.server!.faults.inject('reset-after', { match: STEPS.merge!(repo.id) });
      const result = await lastValueFrom(
        repo.branch('main').transact((tx) => tx.object('etl/x.txt').upload('x'), { commitMessage: 'etl' }),
      );
      const now = await lastValueFrom(repo.branch('main').getCommit());
      expect(result.mergeRef).toBe(now.id);
      expect(now.parents[1]).toBe(result.commit.id);
      expect(await outcomeOf(repo, head)).toBe('landed');
      expect(await txBranches(repo)).toEqual([]);
    },
  );

  itLocal(
    'retries the idempotent cleanup: a delete answered 503 three times still removes the branch',
    async () => {
      const { repo } = await seeded();
      target.server!.faults.inject('unavailable', { count: 3, match: STEPS['delete branch']!(repo.id) });
      const result = await lastValueFrom(
        repo.branch('main').transact((tx) => tx.object('etl/x.txt').upload('x')),
      );
      expect(result.mergeRef).toBe((await lastValueFrom(repo.branch('main').getCommit())).id);
      expect(await txBranches(repo)).toEqual([]);
    },
  );

  itLocal('with a body that retries its own uploads, a faulty body still lands fully', async () => {
    const { repo, head } = await seeded();
    target.server!.faults.inject('reset-after', { count: 2, match: STEPS['body upload']!(repo.id) });
    await lastValueFrom(
      repo.branch('main').transact((tx) =>
        tx
          .object('etl/x.txt')
          .upload('x')
          .pipe(retryWithBackoff(retryPolicyFrom({ maxAttempts: 4, baseDelayMs: 1 }))),
      ),
    );
    expect(await outcomeOf(repo, head)).toBe('landed');
    expect(await txBranches(repo)).toEqual([]);
  });
});
