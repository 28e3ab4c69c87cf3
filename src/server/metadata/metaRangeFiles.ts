import { createHash } from 'node:crypto';
import type { Blockstore } from '../blockstore/Blockstore';
import type { EntryRecord, Tree } from '../store/types';
import { entryMessage, gravelerValue, type RangeInfo, rangeDataMessage } from './gravelerRecords';
import { encodeTable, type TableRecord } from './sstable';

/**
 * A commit's content as lakeFS lays it out in the storage namespace: ranges (tables of path → entry) and
 * a meta-range (a table of range max key → range id), each at `_lakefs/<id>`. The local server keeps
 * its trees elsewhere and writes these files when a client asks for them; they are content-addressed,
 * so writing one twice writes the same bytes.
 *
 * Ranges are cut where a key's hash says so (as lakeFS cuts them), not where the tree's nodes end, so
 * equal content always gives equal ranges and commits that share most of their content share most of
 * their range files.
 */

/** Where a metadata file of a namespace lives. */
export const metadataKey = (id: string): string => `_lakefs/${id}`;

/** Fewest records before a hash may cut a range. */
const MIN_RANGE_RECORDS = 64;
/** A range is cut at this many records whatever the hashes say. */
const MAX_RANGE_RECORDS = 4096;
/** About one key in this many ends a range (once the range holds its minimum). */
const RAGGEDNESS = 512;

const encoder = new TextEncoder();

/** FNV-1a (32 bit) of a key: cheap, stable, and what decides the range boundaries. */
function fnv1a(key: string): number {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(key)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** The entries of a tree grouped into ranges. */
function* rangesOf(tree: Tree): Generator<[string, EntryRecord][]> {
  let range: [string, EntryRecord][] = [];
  for (const pair of tree.entries()) {
    range.push(pair);
    const n = range.length;
    if (n >= MAX_RANGE_RECORDS || (n >= MIN_RANGE_RECORDS && fnv1a(pair[0]) % RAGGEDNESS === 0)) {
      yield range;
      range = [];
    }
  }
  if (range.length > 0) yield range;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Whether the store holds something at `address`. */
async function exists(blockstore: Blockstore, address: string): Promise<boolean> {
  try {
    (await blockstore.open(address, { start: 0, end: 0 })).destroy();
    return true;
  } catch {
    return false;
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Writes a content-addressed file unless it is there already. */
async function put(blockstore: Blockstore, namespace: string, id: string, bytes: Uint8Array): Promise<void> {
  const address = blockstore.namespaceAddress(namespace, metadataKey(id));
  if (!(await exists(blockstore, address))) await blockstore.writeAt(address, once(bytes));
}

/**
 * Encodes one range as a table, in the shape of lakeFS's range tables.
 * @returns its bytes and what the meta-range records of it
 */
export function encodeRange(entries: readonly [string, EntryRecord][]): { bytes: Buffer; info: RangeInfo } {
  const records: TableRecord[] = entries.map(([path, entry]) => ({
    key: encoder.encode(path),
    value: gravelerValue(encoder.encode(entry.identity), entryMessage(entry)),
  }));
  const minKey = entries[0]?.[0] ?? '';
  const maxKey = entries[entries.length - 1]?.[0] ?? '';
  const estimatedSize = records.reduce((n, r) => n + r.key.length + r.value.length, 0);
  const bytes = encodeTable(records, {
    count: String(records.length),
    estimated_size_bytes: String(estimatedSize),
    max_key: maxKey,
    min_key: minKey,
    type: 'ranges',
  });
  return { bytes, info: { id: sha256(bytes), minKey, maxKey, estimatedSize, count: records.length } };
}

/**
 * Encodes a meta-range over some ranges: one record per range, keyed by its max key.
 * @returns the table's bytes
 */
export function encodeMetaRange(ranges: readonly RangeInfo[]): Buffer {
  return encodeTable(
    ranges.map((range) => ({
      key: encoder.encode(range.maxKey),
      value: gravelerValue(encoder.encode(range.id), rangeDataMessage(range)),
    })),
    { type: 'metaranges' },
  );
}

/**
 * Writes a tree's ranges and its meta-range into the namespace, unless the meta-range is there already
 * (its ranges were written before it, so they are there too).
 * @param blockstore - the server's store
 * @param namespace - the repository's storage namespace
 * @param metaRangeId - the id the commit carries
 * @param tree - the commit's tree
 * @returns the meta-range file's address
 */
export async function storeMetaRange(
  blockstore: Blockstore,
  namespace: string,
  metaRangeId: string,
  tree: Tree,
): Promise<string> {
  const address = blockstore.namespaceAddress(namespace, metadataKey(metaRangeId));
  if (await exists(blockstore, address)) return address;
  const ranges: RangeInfo[] = [];
  for (const entries of rangesOf(tree)) {
    const { bytes, info } = encodeRange(entries);
    await put(blockstore, namespace, info.id, bytes);
    ranges.push(info);
  }
  await put(blockstore, namespace, metaRangeId, encodeMetaRange(ranges));
  return address;
}
