import { forEachDifference } from './diffTrees';
import { emptyTree } from './emptyTree';
import { sameEntry } from './makeEntry';
import { getCommit } from './resolveRef';
import type { CommitRecord, RepositoryRecord, Tree } from './types';

/** Log query, as `GET …/refs/{ref}/commits` takes it. */
export interface LogOptions {
  /** Skip everything up to and including this commit id. @default none */
  readonly after?: string;
  readonly amount: number;
  /** Keep only commits that changed one of these paths (vs their first parent). @default [] */
  readonly objects?: readonly string[];
  /** Keep only commits that changed a path under one of these prefixes. @default [] */
  readonly prefixes?: readonly string[];
  /** Stop after `amount` matches; `hasMore` is then always false. @default false */
  readonly limit?: boolean;
  /** Follow only first parents. @default false */
  readonly firstParent?: boolean;
  /** Drop (and do not traverse past) commits created before this Unix time in seconds. @default none */
  readonly since?: number;
  /** Include this commit and stop there. @default none */
  readonly stopAt?: string;
}

const newer = (a: CommitRecord, b: CommitRecord): boolean =>
  a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;

function touches(
  commit: CommitRecord,
  parentTree: Tree,
  objects: readonly string[],
  prefixes: readonly string[],
) {
  if (objects.some((p) => !sameEntry(commit.tree.get(p), parentTree.get(p)))) return true;
  if (prefixes.length === 0) return false;
  let hit = false;
  forEachDifference(parentTree, commit.tree, (key) => (hit = prefixes.some((p) => key.startsWith(p))));
  return hit;
}

/**
 * One page of history from `head`, newest first (creation time, then id, descending), each commit once.
 * @param repo - the repository
 * @param head - where the walk starts
 * @param options - paging and filters
 * @returns the commits of the page and whether more remain
 */
export function logCommits(
  repo: RepositoryRecord,
  head: CommitRecord,
  options: LogOptions,
): { commits: CommitRecord[]; hasMore: boolean } {
  const objects = (options.objects ?? []).filter((p) => p !== '');
  const prefixes = (options.prefixes ?? []).filter((p) => p !== '');
  const filtered = objects.length > 0 || prefixes.length > 0;
  const since = options.since !== undefined ? options.since * 1000 : undefined;
  const queue: CommitRecord[] = [head];
  const seen = new Set<string>([head.id]);
  const out: CommitRecord[] = [];
  let skipping = options.after !== undefined;
  while (queue.length > 0 && out.length <= options.amount) {
    let best = 0;
    for (let i = 1; i < queue.length; i++)
      if (newer(queue[i] as CommitRecord, queue[best] as CommitRecord)) best = i;
    const commit = queue.splice(best, 1)[0] as CommitRecord;
    if (since !== undefined && commit.createdAt < since) continue;
    const stop = commit.id === options.stopAt;
    if (!stop) {
      const parents = options.firstParent ? commit.parents.slice(0, 1) : commit.parents;
      for (const p of parents) {
        if (seen.has(p)) continue;
        seen.add(p);
        queue.push(getCommit(repo, p));
      }
    }
    if (skipping) {
      if (commit.id === options.after) skipping = false;
    } else if (!filtered || touches(commit, parentTree(repo, commit), objects, prefixes)) {
      out.push(commit);
      if (options.limit && out.length === options.amount) break;
    }
    if (stop) break;
  }
  const hasMore = !options.limit && out.length > options.amount;
  if (hasMore) out.length = options.amount;
  return { commits: out, hasMore };
}

const parentTree = (repo: RepositoryRecord, commit: CommitRecord): Tree => {
  const first = commit.parents[0];
  return first === undefined ? emptyTree() : getCommit(repo, first).tree;
};
