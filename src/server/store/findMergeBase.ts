import { getCommit } from './resolveRef';
import type { CommitRecord, RepositoryRecord } from './types';

const LEFT = 1;
const RIGHT = 2;

const before = (a: CommitRecord, b: CommitRecord): boolean =>
  a.generation !== b.generation
    ? a.generation > b.generation
    : a.createdAt !== b.createdAt
      ? a.createdAt > b.createdAt
      : a.id > b.id;

/**
 * The best common ancestor of two commits, found as lakeFS does: walk both histories newest-generation
 * first, flagging which side reached each commit; the first commit reached from both sides wins.
 * @returns the merge base, or undefined when the histories are unrelated
 */
export function findMergeBase(
  repo: RepositoryRecord,
  left: CommitRecord,
  right: CommitRecord,
): CommitRecord | undefined {
  const reached = new Map<string, number>([[left.id, LEFT]]);
  reached.set(right.id, (reached.get(right.id) ?? 0) | RIGHT);
  const queue: CommitRecord[] = left.id === right.id ? [left] : [left, right];
  while (queue.length > 0) {
    let best = 0;
    for (let i = 1; i < queue.length; i++)
      if (before(queue[i] as CommitRecord, queue[best] as CommitRecord)) best = i;
    const commit = queue.splice(best, 1)[0] as CommitRecord;
    const flags = reached.get(commit.id) ?? 0;
    if (flags === (LEFT | RIGHT)) return commit;
    for (const parent of commit.parents) {
      const seen = reached.get(parent);
      if (seen === undefined) queue.push(getCommit(repo, parent));
      reached.set(parent, (seen ?? 0) | flags);
    }
  }
  return undefined;
}
