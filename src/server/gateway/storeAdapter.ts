import type { Readable } from 'node:stream';
import { ApiError } from '../http/ApiError';
import type { ByteRange, StoredBlob } from '../blockstore/Blockstore';
import type { ServerDeps } from '../ServerDeps';
import { branchHead } from '../store/branchStore';
import { makeEntry } from '../store/makeEntry';
import { lookupEntry, type ObjectView, viewEntries, viewOf } from '../store/objectView';
import { type PageRow, pageRows } from '../store/pageRows';
import { resolveRef } from '../store/resolveRef';
import { nowSeconds } from '../store/ServerState';
import type { BranchRecord, EntryRecord, RepositoryRecord } from '../store/types';
import { s3Error } from './s3Errors';

/** A new object version as the gateway describes it (the store computes identity and mtime). */
export interface NewEntry {
  readonly blob: StoredBlob;
  /** The checksum to record: the blob's MD5, or a multipart ETag's digest part. */
  readonly checksum?: string;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * The gateway's only way into the versioning store: each method does what the API's object routes do
 * (same lookups, same staging writes, same blockstore), so an S3 write is indistinguishable from an API
 * write and whatever persists the store beneath those operations persists these too. Store failures come
 * out as S3 errors.
 */
export class GatewayStore {
  constructor(private readonly deps: ServerDeps) {}

  /** Repositories sorted by id. */
  repositories(): readonly RepositoryRecord[] {
    return this.deps.state.sortedRepositories();
  }

  /** The repository (bucket), if it exists. */
  findRepository(id: string): RepositoryRecord | undefined {
    return this.deps.state.repositories.get(id);
  }

  /** The repository (bucket) or `NoSuchBucket`. */
  repository(id: string): RepositoryRecord {
    const repo = this.deps.state.repositories.get(id);
    if (!repo) throw s3Error('NoSuchBucket');
    return repo;
  }

  /** What reads on `ref` see, or undefined when the ref does not resolve (lakeFS answers as if empty). */
  view(repo: RepositoryRecord, ref: string): ObjectView | undefined {
    try {
      return viewOf(resolveRef(repo, ref));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return undefined;
      throw error;
    }
  }

  /** The entry at `path` on `ref`, or undefined. */
  lookup(repo: RepositoryRecord, ref: string, path: string): EntryRecord | undefined {
    const view = this.view(repo, ref);
    return view && path ? lookupEntry(view, path) : undefined;
  }

  /** One page of `ref`'s objects (common prefixes when `delimiter` is set). */
  list(
    repo: RepositoryRecord,
    ref: string,
    options: { prefix: string; after: string; delimiter: string; amount: number },
  ): { rows: PageRow<EntryRecord>[]; hasMore: boolean } {
    const view = this.view(repo, ref);
    if (!view) return { rows: [], hasMore: false };
    return pageRows((from) => viewEntries(view, from), options);
  }

  /** One page of branch names starting with `prefix`, after `after`. */
  branchNames(
    repo: RepositoryRecord,
    prefix: string,
    after: string,
    amount: number,
  ): { names: string[]; hasMore: boolean } {
    const names = [...repo.branches.values()]
      .filter((b) => !b.hidden && b.id.startsWith(prefix) && b.id > after)
      .map((b) => b.id)
      .sort();
    return { names: names.slice(0, amount), hasMore: names.length > amount };
  }

  /** The branch a write goes to: `ErrReadOnlyRepository`, or `NoSuchBucket` when `ref` is not a branch. */
  writableBranch(repo: RepositoryRecord, ref: string): BranchRecord {
    if (repo.readOnly) throw s3Error('ErrReadOnlyRepository');
    const branch = repo.branches.get(ref);
    if (!branch) throw s3Error('NoSuchBucket');
    return branch;
  }

  /** Streams data into the repository's namespace (never held in memory). */
  write(repo: RepositoryRecord, data: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    return this.deps.state.blockstore.write(repo.storageNamespace, data);
  }

  /**
   * Frees blobs no entry will reference (multipart parts once their upload completed or was aborted).
   * @param blobs - blobs this gateway wrote
   */
  async discard(blobs: Iterable<StoredBlob>): Promise<void> {
    const blockstore = this.deps.state.blockstore;
    await Promise.all([...blobs].map((blob) => blockstore.remove(blob.address)));
  }

  /** Opens an entry's data (or a blob's address), optionally a byte range. */
  open(address: string, range?: ByteRange): Promise<Readable> {
    return this.deps.state.blockstore.open(address, range);
  }

  /**
   * Stages a new version of `path` on a branch, as the API's upload does; the branch is looked up again
   * because the data was written asynchronously.
   * @returns the staged entry
   */
  stage(repo: RepositoryRecord, branchId: string, path: string, entry: NewEntry): EntryRecord {
    const branch = this.writableBranch(this.repository(repo.id), branchId);
    const staged = makeEntry({
      physicalAddress: entry.blob.address,
      checksum: entry.checksum ?? entry.blob.checksum,
      sizeBytes: entry.blob.sizeBytes,
      mtime: nowSeconds(),
      contentType: entry.contentType,
      metadata: { ...entry.metadata },
    });
    branch.staging.set(path, staged);
    return staged;
  }

  /**
   * Deletes `path` on a branch as the API does: committed paths get a tombstone, staged-only ones vanish.
   * On a ref that is not a branch (a tag, a commit) nothing is deleted and nothing fails, as in lakeFS.
   */
  delete(repo: RepositoryRecord, ref: string, path: string): void {
    if (repo.readOnly) throw s3Error('ErrReadOnlyRepository');
    const branch = repo.branches.get(ref);
    if (!branch) return;
    if (branchHead(repo, branch).tree.has(path)) branch.staging.set(path, null);
    else branch.staging.delete(path);
  }
}
