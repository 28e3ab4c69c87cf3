import { createHash } from 'node:crypto';
import { commitId } from './commitId';
import type { CommitRecord, RepositoryRecord, TreeSnapshot } from './types';

/** What a new commit is made of. */
export interface NewCommit {
  /** Parent commit ids, first parent first (merges: destination, then source). */
  readonly parents: readonly string[];
  readonly committer: string;
  readonly message: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly snapshot: TreeSnapshot;
  /** Unix seconds that override the creation date. @default now */
  readonly date?: number;
  /** A meta range id to reuse (the initial commit's `""`, an empty commit's parent's). @default derived from the content */
  readonly metaRangeId?: string;
}

let lastCreatedAt = 0;

/** Milliseconds, strictly increasing, so commits made within one second keep their order in the log. */
function nextCreatedAt(): number {
  const now = Date.now();
  lastCreatedAt = now > lastCreatedAt ? now : lastCreatedAt + 0.001;
  return lastCreatedAt;
}

/**
 * A content-derived meta range id: equal trees share it, as lakeFS's content-addressed meta ranges do.
 * @param contentDigest - the tree's digest
 * @returns 64 hex chars
 */
export const metaRangeIdOf = (contentDigest: string): string =>
  createHash('sha256').update('metarange:').update(contentDigest).digest('hex');

/**
 * Creates a commit (id derived from its content, generation from its parents) and stores it in the
 * repository. Does not move any branch.
 * @param repo - the repository that receives the commit
 * @param input - the commit's content
 * @returns the stored commit
 */
export function makeCommit(repo: RepositoryRecord, input: NewCommit): CommitRecord {
  const creationDate = input.date ?? Math.floor(Date.now() / 1000);
  const createdAt = input.date !== undefined ? input.date * 1000 : nextCreatedAt();
  const fields = {
    committer: input.committer,
    message: input.message,
    metaRangeId: input.metaRangeId ?? metaRangeIdOf(input.snapshot.contentDigest),
    creationDate,
    metadata: { ...input.metadata },
    parents: [...input.parents],
  };
  const id = commitId(fields);
  const existing = repo.commits.get(id);
  if (existing) return existing;
  const generation = 1 + Math.max(0, ...input.parents.map((p) => repo.commits.get(p)?.generation ?? 0));
  const commit: CommitRecord = {
    ...fields,
    id,
    createdAt,
    generation,
    tree: input.snapshot.tree,
    contentDigest: input.snapshot.contentDigest,
  };
  repo.commits.set(id, commit);
  // a durable repository keeps its own copy, whose tree reads the stored nodes
  return repo.commits.get(id) ?? commit;
}
