import { ApiError } from '../http/ApiError';
import type { Blockstore } from '../blockstore/Blockstore';
import { emptySnapshot } from '../store/emptyTree';
import { TreeBuilder } from '../store/TreeBuilder';
import type { CommitRecord, RepositoryRecord, TreeSnapshot } from '../store/types';
import { parseEntryMessage, parseGravelerValue } from './gravelerRecords';
import { metadataKey, storeMetaRange } from './metaRangeFiles';
import { decodeTable, TableFormatError } from './sstable';

const decoder = new TextDecoder();

/**
 * Reads a whole metadata file (they are small: a range holds a few thousand records).
 * @returns its bytes; rejects with 410 `No data` when the namespace has no such file, as lakeFS answers
 */
export async function readMetadataFile(
  blockstore: Blockstore,
  namespace: string,
  id: string,
): Promise<Buffer> {
  const address = blockstore.namespaceAddress(namespace, metadataKey(id));
  const stream = await blockstore.open(address).catch(() => {
    throw new ApiError(410, 'No data');
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The records of a table file, or 400 when the file is not a table this server can read. */
function* tableRecords(bytes: Buffer, what: string) {
  try {
    yield* decodeTable(bytes);
  } catch (error) {
    if (error instanceof TableFormatError || error instanceof RangeError)
      throw new ApiError(400, `${what}: unreadable metadata file: ${error.message}`);
    throw error;
  }
}

/**
 * A commit of the repository whose content is the meta-range `id` (commits share the id of equal trees).
 * @returns the commit, or undefined when none has it
 */
export function commitWithMetaRange(repo: RepositoryRecord, id: string): CommitRecord | undefined {
  for (const commit of repo.commits.values()) if (commit.metaRangeId === id) return commit;
  return undefined;
}

/**
 * Makes sure the meta-range `id` and its ranges exist as files in the repository's namespace when a
 * commit of the repository has that content (the server writes them on demand).
 * @returns whether the files were (or already were) written
 */
export async function materializeMetaRange(
  blockstore: Blockstore,
  repo: RepositoryRecord,
  id: string,
): Promise<boolean> {
  const commit = id === '' ? undefined : commitWithMetaRange(repo, id);
  if (!commit) return false;
  await storeMetaRange(blockstore, repo.storageNamespace, id, commit.tree);
  return true;
}

/**
 * The tree a meta-range holds: a commit's tree when the repository has one with that content, otherwise
 * rebuilt from the meta-range and range files in the namespace (after a restore, or a commit from a meta
 * range written by another repository on the same namespace).
 * @returns the snapshot; 410 `No data` when a file is missing
 */
export async function metaRangeSnapshot(
  blockstore: Blockstore,
  repo: RepositoryRecord,
  id: string,
): Promise<TreeSnapshot> {
  if (id === '') return emptySnapshot();
  const known = commitWithMetaRange(repo, id);
  if (known) return known;
  const builder = new TreeBuilder(emptySnapshot());
  const metaRange = await readMetadataFile(blockstore, repo.storageNamespace, id);
  for (const record of tableRecords(metaRange, 'meta range')) {
    const rangeId = decoder.decode(parseGravelerValue(record.value).identity);
    const range = await readMetadataFile(blockstore, repo.storageNamespace, rangeId);
    for (const entry of tableRecords(range, 'range')) {
      const value = parseGravelerValue(entry.value);
      builder.set(decoder.decode(entry.key), {
        ...parseEntryMessage(value.data),
        identity: decoder.decode(value.identity),
      });
    }
  }
  return builder.finish();
}
