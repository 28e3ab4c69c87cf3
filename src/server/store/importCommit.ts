import { assertClean } from './branchOps';
import { branchHead, findBranch, moveBranch } from './branchStore';
import { makeCommit } from './makeCommit';
import { TreeBuilder } from './TreeBuilder';
import type { CommitRecord, EntryRecord, RepositoryRecord } from './types';

/** What an import commits. */
export interface ImportCommitInput {
  /**
   * Raw destination strings: every committed key starting with one of them is dropped before the new
   * entries are added (`""` wipes the branch; `coll` also wipes `collection/…`), as lakeFS's import does.
   */
  readonly destinations: readonly string[];
  /** The new entries (build them with `makeEntry`), in any order. */
  readonly entries: Iterable<readonly [string, EntryRecord]>;
  readonly message: string;
  readonly committer: string;
  /** Commit metadata; `.lakefs.merge.strategy: source-wins` is added. @default {} */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * Commits an import onto a branch in one synchronous step: finds the branch (400 bad id / 404 missing),
 * requires it to be clean (400 `uncommitted changes (dirty branch)`), builds a commit whose tree is the
 * head tree with everything under each destination replaced by `entries`, moves the branch to it and
 * records `.lakefs.last.import.timestamp` in the repository metadata.
 * @param repo - the repository (from `state.repository(id)`)
 * @param branchId - the branch to import into
 * @param input - destinations, entries and commit fields
 * @returns the new head commit (single parent: the previous head)
 * @example
 * const commit = importCommit(repo, 'main', {
 *   destinations: ['imported/'],
 *   entries: [['imported/a.csv', makeEntry({ physicalAddress: 'local:///data/a.csv', checksum, sizeBytes,
 *     mtime, contentType: 'application/octet-stream', metadata: {} })]],
 *   message: 'Import objects',
 *   committer: user,
 * });
 */
export function importCommit(
  repo: RepositoryRecord,
  branchId: string,
  input: ImportCommitInput,
): CommitRecord {
  const branch = findBranch(repo, branchId);
  assertClean(repo, branch);
  const head = branchHead(repo, branch);
  const builder = new TreeBuilder(head);
  for (const destination of input.destinations) builder.deletePrefix(destination);
  for (const [path, entry] of input.entries) builder.set(path, entry);
  const commit = makeCommit(repo, {
    parents: [head.id],
    committer: input.committer,
    message: input.message,
    metadata: { ...input.metadata, '.lakefs.merge.strategy': 'source-wins' },
    snapshot: builder.finish(),
  });
  moveBranch(branch, commit);
  repo.metadata.set('.lakefs.last.import.timestamp', String(commit.creationDate));
  return commit;
}
