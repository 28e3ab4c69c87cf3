import { Readable } from 'node:stream';
import { sampleFiles } from '../sample/sampleContent';
import type { ServerState } from '../store/ServerState';
import { commitBranch } from '../store/commitBranch';
import { makeEntry } from '../store/makeEntry';
import { nowSeconds } from '../store/ServerState';
import type { RepositoryRecord } from '../store/types';

/**
 * Populates a new repository's default branch with the sample files and commits them (`Add sample data`),
 * as lakeFS does for `sample_data: true`.
 * @param state - the server state (its blockstore receives the data)
 * @param repo - the new repository
 * @param committer - the creating user
 */
export async function addSampleData(
  state: ServerState,
  repo: RepositoryRecord,
  committer: string,
): Promise<void> {
  const staged = await Promise.all(
    sampleFiles(repo).map(async ({ path, content }) => {
      const blob = await state.blockstore.write(repo.storageNamespace, Readable.from([content]));
      return [path, blob] as const;
    }),
  );
  const branch = repo.branches.get(repo.defaultBranch);
  if (!branch) return;
  const mtime = nowSeconds();
  for (const [path, blob] of staged)
    branch.staging.set(
      path,
      makeEntry({
        physicalAddress: blob.address,
        checksum: blob.checksum,
        sizeBytes: blob.sizeBytes,
        mtime,
        contentType: 'application/octet-stream',
        metadata: {},
      }),
    );
  commitBranch(repo, branch, { message: 'Add sample data', committer });
}
