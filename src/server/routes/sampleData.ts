import { Readable } from 'node:stream';
import type { ServerState } from '../store/ServerState';
import { commitBranch } from '../store/commitBranch';
import { makeEntry } from '../store/makeEntry';
import { nowSeconds } from '../store/ServerState';
import type { RepositoryRecord } from '../store/types';

// Our own small sample: a README and a table in two formats, enough for a client to list, read and diff.
const LAKES = [
  ['name', 'country', 'area_km2', 'max_depth_m'],
  ['Baikal', 'Russia', '31722', '1642'],
  ['Tanganyika', 'Tanzania;DR Congo;Burundi;Zambia', '32900', '1470'],
  ['Superior', 'Canada;United States', '82100', '406'],
  ['Victoria', 'Uganda;Kenya;Tanzania', '59947', '84'],
  ['Titicaca', 'Peru;Bolivia', '8372', '281'],
  ['Geneva', 'Switzerland;France', '580', '310'],
] as const;

const README = `# Sample repository

This repository was created with sample data by the lakefs-rx local server.

- \`lakes.csv\` and \`lakes.json\`: a few of the world's lakes, as a table.
- Branch, change and merge them to try out data version control.
`;

const csv = LAKES.map((row) => row.join(',')).join('\n') + '\n';
const json =
  JSON.stringify(
    LAKES.slice(1).map(([name, country, area, depth]) => ({
      name,
      country,
      area_km2: Number(area),
      max_depth_m: Number(depth),
    })),
    null,
    2,
  ) + '\n';

/** The sample files, path → content. */
export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  'README.md': README,
  'lakes.csv': csv,
  'lakes.json': json,
};

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
    Object.entries(SAMPLE_FILES).map(async ([path, content]) => {
      const blob = await state.blockstore.write(repo.storageNamespace, Readable.from([Buffer.from(content)]));
      return [path, blob] as const;
    }),
  );
  const branch = repo.branches.get(repo.defaultBranch);
  if (!branch) return;
  for (const [path, blob] of staged)
    branch.staging.set(
      path,
      makeEntry({
        physicalAddress: blob.address,
        checksum: blob.checksum,
        sizeBytes: blob.sizeBytes,
        mtime: nowSeconds(),
        contentType: 'application/octet-stream',
        metadata: {},
      }),
    );
  commitBranch(repo, branch, { message: 'Add sample data', committer });
}
