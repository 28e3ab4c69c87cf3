import type { BranchRecord } from './types';

const tails = new WeakMap<BranchRecord, Promise<unknown>>();

/**
 * Runs `work` once every earlier operation holding this branch's lock has finished: commits, merges and
 * imports of one branch run one after the other, as lakeFS answers a second commit after the first (its
 * branch update retries until the first has moved the branch).
 * @returns what `work` returns
 */
export function withBranchLock<T>(branch: BranchRecord, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(branch) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(branch, tail);
  void tail.then(() => {
    if (tails.get(branch) === tail) tails.delete(branch);
  });
  return run;
}
