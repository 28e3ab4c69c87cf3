import { MemoryBlockstore } from '../../../../src/server/blockstore/MemoryBlockstore';
import { parseGravelerValue } from '../../../../src/server/metadata/gravelerRecords';
import { metadataKey, storeMetaRange } from '../../../../src/server/metadata/metaRangeFiles';
import { decodeTable } from '../../../../src/server/metadata/sstable';
import { emptySnapshot } from '../../../../src/server/store/emptyTree';
import { makeEntry } from '../../../../src/server/store/makeEntry';
import { TreeBuilder } from '../../../../src/server/store/TreeBuilder';
import type { Tree } from '../../../../src/server/store/types';

const decoder = new TextDecoder();
const entry = (i: number) =>
  makeEntry({
    physicalAddress: `local://ns/data/${i}`,
    checksum: String(i).padStart(32, '0'),
    sizeBytes: i,
    mtime: 1_700_000_000,
    contentType: 'application/octet-stream',
    metadata: {},
  });
const path = (i: number) => `dir/${String(i).padStart(5, '0')}`;

function tree(keys: Iterable<number>): Tree {
  const builder = new TreeBuilder(emptySnapshot());
  for (const i of keys) builder.set(path(i), entry(i));
  return builder.finish().tree;
}

async function read(store: MemoryBlockstore, id: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await store.open(store.namespaceAddress('local://ns', metadataKey(id))))
    chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function rangeIds(store: MemoryBlockstore, t: Tree, metaRangeId: string): Promise<string[]> {
  await storeMetaRange(store, 'local://ns', metaRangeId, t);
  return [...decodeTable(await read(store, metaRangeId))].map((r) =>
    decoder.decode(parseGravelerValue(r.value).identity),
  );
}

describe('storeMetaRange', () => {
  it('cuts ranges by content: the same entries give the same ranges whatever order built the tree', async () => {
    const store = new MemoryBlockstore([]);
    const n = 5000;
    const forward = await rangeIds(store, tree(Array.from({ length: n }, (_, i) => i)), 'm1');
    const backward = await rangeIds(store, tree(Array.from({ length: n }, (_, i) => n - 1 - i)), 'm2');
    expect(forward.length).toBeGreaterThan(1);
    expect(backward).toEqual(forward);
    // every range file holds its share of the entries, in order
    const keys: string[] = [];
    for (const id of forward)
      for (const r of decodeTable(await read(store, id))) keys.push(decoder.decode(r.key));
    expect(keys).toEqual(Array.from({ length: n }, (_, i) => path(i)));
  });

  it('shares the untouched ranges between two versions of a tree', async () => {
    const store = new MemoryBlockstore([]);
    const before = await rangeIds(store, tree(Array.from({ length: 5000 }, (_, i) => i)), 'a');
    const after = await rangeIds(store, tree([...Array.from({ length: 5000 }, (_, i) => i), 99_999]), 'b');
    const shared = after.filter((id) => before.includes(id));
    expect(shared.length).toBe(before.length - 1);
  });
});
