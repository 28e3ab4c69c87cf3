import { createHash } from 'node:crypto';
import { branchHead, findBranch } from '../../../src/server/store/branchStore';
import { commitBranch } from '../../../src/server/store/commitBranch';
import { makeEntry } from '../../../src/server/store/makeEntry';
import { ServerState } from '../../../src/server/store/ServerState';
import type { CommitRecord, EntryRecord, RepositoryRecord, Tree } from '../../../src/server/store/types';

/** A fresh repository with `main` and its initial commit. */
export function newRepo(id = 'repo-test'): RepositoryRecord {
  const state = new ServerState({
    importRoots: [],
    presign: false,
    dataDir: undefined,
    baseUrl: '',
    signingSecret: 'secret',
  });
  return state.createRepository({
    id,
    storageNamespace: `local://${id}`,
    defaultBranch: 'main',
    readOnly: false,
    bare: false,
  });
}

/** An entry whose identity is derived from `content`. */
export function entry(content: string, metadata: Record<string, string> = {}): EntryRecord {
  return makeEntry({
    physicalAddress: `local://ns/data/${content}`,
    checksum: createHash('md5').update(content).digest('hex'),
    sizeBytes: Buffer.byteLength(content),
    mtime: 0,
    contentType: 'text/plain',
    metadata,
  });
}

/** Stages `files` (null deletes) on a branch. */
export function stage(repo: RepositoryRecord, branchId: string, files: Record<string, string | null>): void {
  const branch = findBranch(repo, branchId);
  for (const [path, content] of Object.entries(files)) {
    if (content === null) {
      if (branchHead(repo, branch).tree.has(path)) branch.staging.set(path, null);
      else branch.staging.delete(path);
    } else branch.staging.set(path, entry(content));
  }
}

/** Stages `files` and commits them. */
export function commitFiles(
  repo: RepositoryRecord,
  branchId: string,
  files: Record<string, string | null>,
  message = 'c',
): CommitRecord {
  stage(repo, branchId, files);
  return commitBranch(repo, findBranch(repo, branchId), { message, committer: 'tester' });
}

/** A tree's content as path → checksum-like content marker (the entry's address suffix). */
export function contentOf(tree: Tree): Record<string, string> {
  const out: Record<string, string> = {};
  tree.forEachPair((k, v) => {
    out[k] = v.physicalAddress.replace('local://ns/data/', '');
  });
  return out;
}
