import { createHash } from 'node:crypto';
import type { Blockstore } from '../blockstore/Blockstore';
import { ApiError, badRequest } from '../http/ApiError';
import { assertWritable } from '../store/branchStore';
import { emptyStaging } from '../store/emptyTree';
import type { CommitRecord, RepositoryRecord, TreeSnapshot } from '../store/types';
import { gravelerValue, parseGravelerValue } from './gravelerRecords';
import { materializeMetaRange, metaRangeSnapshot, readMetadataFile } from './loadMetaRange';
import { metadataKey } from './metaRangeFiles';
import { decodeTable, encodeTable } from './sstable';

/**
 * lakeFS's refs dump and restore: the repository's commits, branches and tags written as three tables in
 * the storage namespace (ids as in a meta-range, each at `_lakefs/<id>`), plus `_lakefs/refs_manifest.json`
 * naming them; restore reads them back into a bare repository (one without its default branch). The
 * tables are LevelDB-format like the meta-ranges, with this server's own record encoding (JSON values):
 * they are meant to be restored by this server. Every commit's meta-range is written too, so a repository
 * restored on the same namespace finds the trees.
 */

/** The three table ids of a dump (the wire's `RefsDump`). */
export interface RefsDumpIds {
  readonly commits_meta_range_id: string;
  readonly tags_meta_range_id: string;
  readonly branches_meta_range_id: string;
}

/** What a dumped commit keeps: the record without its id (the table's key) and tree (the meta-range). */
type DumpedCommit = Omit<CommitRecord, 'id' | keyof TreeSnapshot>;

interface DumpedBranch {
  readonly commitId: string;
  readonly hidden: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const byKey = <T>(a: [string, T], b: [string, T]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Writes one table of JSON records and returns its id (the SHA-256 of its bytes). */
async function writeTable<T>(
  blockstore: Blockstore,
  namespace: string,
  kind: string,
  rows: [string, T][],
): Promise<string> {
  const bytes = encodeTable(
    rows.sort(byKey).map(([key, value]) => ({
      key: encoder.encode(key),
      value: gravelerValue(encoder.encode(key), encoder.encode(JSON.stringify(value))),
    })),
    { type: kind },
  );
  const id = createHash('sha256').update(bytes).digest('hex');
  await blockstore.writeAt(blockstore.namespaceAddress(namespace, metadataKey(id)), oneChunk(bytes));
  return id;
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The JSON records of a dumped table. */
async function readTable<T>(blockstore: Blockstore, namespace: string, id: string): Promise<[string, T][]> {
  const bytes = await readMetadataFile(blockstore, namespace, id);
  try {
    return [...decodeTable(bytes)].map((r) => [
      decoder.decode(r.key),
      JSON.parse(decoder.decode(parseGravelerValue(r.value).data)) as T,
    ]);
  } catch {
    throw badRequest(`unreadable refs dump table ${id}`);
  }
}

/**
 * Dumps a repository's refs into its namespace.
 * @returns the three table ids
 */
export async function dumpRefs(blockstore: Blockstore, repo: RepositoryRecord): Promise<RefsDumpIds> {
  const commits: [string, DumpedCommit][] = [];
  const metaRanges = new Set<string>();
  for (const c of repo.commits.values()) {
    commits.push([
      c.id,
      {
        parents: c.parents,
        committer: c.committer,
        message: c.message,
        creationDate: c.creationDate,
        createdAt: c.createdAt,
        metaRangeId: c.metaRangeId,
        metadata: c.metadata,
        generation: c.generation,
      },
    ]);
    if (c.metaRangeId !== '') metaRanges.add(c.metaRangeId);
  }
  for (const id of metaRanges) await materializeMetaRange(blockstore, repo, id);
  const branches: [string, DumpedBranch][] = [...repo.branches.values()].map((b) => [
    b.id,
    { commitId: b.commitId, hidden: b.hidden },
  ]);
  const tags: [string, string][] = [...repo.tags.entries()];
  const ns = repo.storageNamespace;
  const ids: RefsDumpIds = {
    branches_meta_range_id: await writeTable(blockstore, ns, 'branches', branches),
    commits_meta_range_id: await writeTable(blockstore, ns, 'commits', commits),
    tags_meta_range_id: await writeTable(blockstore, ns, 'tags', tags),
  };
  const manifest = encoder.encode(JSON.stringify(ids, null, 2));
  await blockstore.writeAt(blockstore.namespaceAddress(ns, '_lakefs/refs_manifest.json'), oneChunk(manifest));
  return ids;
}

/**
 * 400 `can only restore into a bare repository` unless the repository has no default branch yet (lakeFS
 * asks for the default branch's log and wants "not found").
 */
export function assertBare(repo: RepositoryRecord): void {
  if (repo.branches.has(repo.defaultBranch)) throw badRequest('can only restore into a bare repository');
}

/**
 * Restores a dump into a bare repository: commits (with the trees their meta-ranges hold in the
 * namespace), then branches, then tags. Everything is read before anything is written, so a missing file
 * (410 `No data`) leaves the repository as it was.
 * @param force - restore into a read-only repository
 */
export async function restoreRefs(
  blockstore: Blockstore,
  repo: RepositoryRecord,
  ids: RefsDumpIds,
  force: boolean,
): Promise<void> {
  assertBare(repo);
  assertWritable(repo, force);
  const ns = repo.storageNamespace;
  const commits = await readTable<DumpedCommit>(blockstore, ns, ids.commits_meta_range_id);
  const branches = await readTable<DumpedBranch>(blockstore, ns, ids.branches_meta_range_id);
  const tags = await readTable<string>(blockstore, ns, ids.tags_meta_range_id);
  const snapshots = new Map<string, TreeSnapshot>();
  for (const [, c] of commits)
    if (!snapshots.has(c.metaRangeId))
      snapshots.set(c.metaRangeId, await metaRangeSnapshot(blockstore, repo, c.metaRangeId));
  const known = new Set(commits.map(([id]) => id));
  for (const [name, b] of branches)
    if (!known.has(b.commitId)) throw new ApiError(404, `branch ${name}: commit not found`);
  assertBare(repo); // a concurrent restore may have won while the files were read
  for (const [id, c] of commits) {
    const snapshot = snapshots.get(c.metaRangeId) as TreeSnapshot;
    const record: CommitRecord = { ...c, id, tree: snapshot.tree, contentDigest: snapshot.contentDigest };
    repo.commits.set(id, record);
  }
  for (const [id, b] of branches)
    repo.branches.set(id, { id, commitId: b.commitId, staging: emptyStaging(), hidden: b.hidden });
  for (const [id, commitId] of tags) repo.tags.set(id, commitId);
}
