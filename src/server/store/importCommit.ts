import { notFound } from '../http/ApiError';
import { assertClean } from './branchOps';
import { withBranchLock } from './branchLock';
import { branchHead, findBranch } from './branchStore';
import { BRANCH_UPDATE_TRIES, storeTreeThen, tooManyTries } from './commitBranch';
import { makeCommit } from './makeCommit';
import { runInSlices, runNow, type Steps } from './steps';
import { type StoreWork, workReporter } from './storeWork';
import { TreeBuilder } from './TreeBuilder';
import type { BranchRecord, CommitRecord, EntryRecord, RepositoryRecord } from './types';

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
  /** Once aborted, the import does not land (checked right before the branch moves). @default none */
  readonly signal?: AbortSignal;
}

/**
 * Commits an import onto a branch at once: finds the branch (400 bad id / 404 missing),
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
  return runNow(importSteps(repo, findBranch(repo, branchId), input));
}

/**
 * {@link importCommit} in slices, so other requests are served while a large import commits; it waits for
 * a commit, merge or import of the branch that is under way.
 * @param work - where `work` events are reported @default none
 * @returns the new head commit
 */
export function importCommitInSlices(
  repo: RepositoryRecord,
  branchId: string,
  input: ImportCommitInput,
  work?: StoreWork,
): Promise<CommitRecord> {
  const branch = findBranch(repo, branchId);
  return withBranchLock(branch, () =>
    runInSlices(importSteps(repo, branch, input), workReporter(work, 'import', repo, branch)),
  );
}

/**
 * The steps of an import commit: the branch must be clean when it starts; the tree is built and stored in
 * steps, and the branch moves in one synchronous last step (unless `input.signal` was aborted by then).
 */
function* importSteps(
  repo: RepositoryRecord,
  branch: BranchRecord,
  input: ImportCommitInput,
): Steps<CommitRecord> {
  assertClean(repo, branch);
  for (let attempt = 1; ; attempt++) {
    const head = branchHead(repo, branch);
    const builder = new TreeBuilder(head);
    for (const destination of input.destinations) yield* builder.deletePrefixSteps(destination);
    yield* builder.applySteps(input.entries);
    const snapshot = builder.finish();
    const commit = yield* storeTreeThen(snapshot, () => {
      if (input.signal?.aborted) throw new ImportCanceled();
      if (branch.commitId !== head.id) return undefined;
      if (repo.branches.get(branch.id) !== branch) throw notFound('branch not found');
      const made = makeCommit(repo, {
        parents: [head.id],
        committer: input.committer,
        message: input.message,
        metadata: { ...input.metadata, '.lakefs.merge.strategy': 'source-wins' },
        snapshot,
      });
      branch.commitId = made.id;
      repo.metadata.set('.lakefs.last.import.timestamp', String(made.creationDate));
      return made;
    });
    if (commit) return commit;
    if (attempt >= BRANCH_UPDATE_TRIES) throw tooManyTries();
  }
}

/** An import cancelled before its commit landed: nothing was committed. */
export class ImportCanceled extends Error {
  constructor() {
    super('Canceled');
    this.name = 'ImportCanceled';
  }
}
