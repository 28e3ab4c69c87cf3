import { maskedCrc32c } from './crc32c';
import { ByteWriter, putUvarint, VarintReader } from './varint';

/**
 * Tables in the LevelDB format, the oldest one Pebble (and so lakeFS's readers, e.g. its system tests)
 * reads: data blocks of prefix-compressed internal keys, an index block, a metaindex pointing at a
 * properties block, a 48-byte footer. Blocks are stored uncompressed with their masked CRC-32C. Keys are
 * Pebble internal keys: the user key then an 8-byte trailer (sequence number 0, kind SET), as a table
 * written by Pebble's `Writer.Set` holds.
 */

/** One key/value pair of a table, keys in strictly ascending byte order. */
export interface TableRecord {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** Data block size at which a block is closed (LevelDB's default). */
const BLOCK_SIZE = 4096;
/** Keys between two full (unshared) keys in a block. */
const RESTART_INTERVAL = 16;
const FOOTER_LENGTH = 48;
const MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb];
/** Sequence number 0, kind SET (1), little-endian. */
const TRAILER = [1, 0, 0, 0, 0, 0, 0, 0];
const PROPERTIES_BLOCK = 'rocksdb.properties';

const encoder = new TextEncoder();
const TRAILER_BYTES = Uint8Array.from(TRAILER);
function internalKey(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length + TRAILER.length);
  out.set(key);
  out.set(TRAILER_BYTES, key.length);
  return out;
}

/** Accumulates one block: entries sharing a prefix with the previous key, restart points every few. */
class BlockBuilder {
  private readonly out = new ByteWriter();
  private readonly restarts: number[] = [0];
  private last: Uint8Array = new Uint8Array(0);
  private count = 0;

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.count % RESTART_INTERVAL === 0) {
      if (this.count > 0) this.restarts.push(this.out.length);
    } else {
      const max = Math.min(key.length, this.last.length);
      while (shared < max && key[shared] === this.last[shared]) shared++;
    }
    this.out.uvarint(shared);
    this.out.uvarint(key.length - shared);
    this.out.uvarint(value.length);
    this.out.bytes(key.subarray(shared));
    this.out.bytes(value);
    this.last = key;
    this.count++;
  }

  get size(): number {
    return this.out.length + 4 * this.restarts.length + 4;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  finish(): Uint8Array {
    for (const r of this.restarts) this.out.uint32le(r);
    this.out.uint32le(this.restarts.length);
    return this.out.finish();
  }
}

/** Writes a whole table into memory (ranges are small: a few thousand records). */
class TableWriter {
  private readonly chunks: Uint8Array[] = [];
  private offset = 0;

  /** Appends a block with its trailer (compression type 0, masked CRC) and returns its handle. */
  writeBlock(block: Uint8Array): number[] {
    const trailer = Buffer.alloc(5);
    const typed = Buffer.concat([block, Buffer.from([0])]);
    trailer.writeUInt32LE(maskedCrc32c(typed), 1);
    const handle: number[] = [];
    putUvarint(handle, this.offset);
    putUvarint(handle, block.length);
    this.chunks.push(block, trailer);
    this.offset += block.length + 5;
    return handle;
  }

  finish(metaindex: number[], index: number[]): Buffer {
    const footer = Buffer.alloc(FOOTER_LENGTH);
    Buffer.from([...metaindex, ...index]).copy(footer);
    Buffer.from(MAGIC).copy(footer, FOOTER_LENGTH - MAGIC.length);
    return Buffer.concat([...this.chunks, footer]);
  }
}

/**
 * Encodes records as a table.
 * @param records - in strictly ascending key order
 * @param properties - string properties kept in the table (lakeFS keeps its range metadata there)
 * @returns the table's bytes
 */
export function encodeTable(
  records: Iterable<TableRecord>,
  properties: Readonly<Record<string, string>>,
): Buffer {
  const table = new TableWriter();
  const index = new BlockBuilder();
  let block = new BlockBuilder();
  let lastKey: Uint8Array | undefined;
  let count = 0;
  const flush = (): void => {
    if (block.empty || !lastKey) return;
    // the block's last key separates it from the next block's first
    index.add(lastKey, Uint8Array.from(table.writeBlock(block.finish())));
    block = new BlockBuilder();
  };
  for (const record of records) {
    lastKey = internalKey(record.key);
    block.add(lastKey, record.value);
    count++;
    if (block.size >= BLOCK_SIZE) flush();
  }
  flush();
  const props = new BlockBuilder();
  const entries: [string, Uint8Array][] = Object.entries(properties).map(([k, v]) => [k, encoder.encode(v)]);
  const numEntries: number[] = [];
  putUvarint(numEntries, count);
  entries.push(
    ['rocksdb.comparator', encoder.encode('leveldb.BytewiseComparator')],
    ['rocksdb.num.entries', Uint8Array.from(numEntries)],
  );
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of entries) props.add(encoder.encode(k), v);
  const propsHandle = table.writeBlock(props.finish());
  const metaindex = new BlockBuilder();
  metaindex.add(encoder.encode(PROPERTIES_BLOCK), Uint8Array.from(propsHandle));
  const metaindexHandle = table.writeBlock(metaindex.finish());
  const indexHandle = table.writeBlock(index.finish());
  return table.finish(metaindexHandle, indexHandle);
}

/** Malformed table bytes. */
export class TableFormatError extends Error {}

function readBlock(bytes: Uint8Array, reader: VarintReader): Uint8Array {
  const offset = reader.uvarint();
  const length = reader.uvarint();
  if (offset + length + 5 > bytes.length) throw new TableFormatError('block handle out of bounds');
  const typed = bytes.subarray(offset, offset + length + 1);
  if (typed[length] !== 0) throw new TableFormatError('compressed block (not written by this server)');
  const stored = Buffer.from(bytes.buffer, bytes.byteOffset + offset + length + 1, 4).readUInt32LE(0);
  if (stored !== maskedCrc32c(typed)) throw new TableFormatError('block checksum mismatch');
  return bytes.subarray(offset, offset + length);
}

function* blockEntries(block: Uint8Array): Generator<TableRecord> {
  if (block.length < 4) throw new TableFormatError('short block');
  const view = Buffer.from(block.buffer, block.byteOffset, block.length);
  const restarts = view.readUInt32LE(block.length - 4);
  const end = block.length - 4 - 4 * restarts;
  const reader = new VarintReader(block.subarray(0, end));
  let last = new Uint8Array(0);
  while (reader.offset < end) {
    const shared = reader.uvarint();
    const unshared = reader.uvarint();
    const valueLength = reader.uvarint();
    const key = new Uint8Array(shared + unshared);
    key.set(last.subarray(0, shared));
    key.set(reader.take(unshared), shared);
    last = key;
    yield { key, value: reader.take(valueLength) };
  }
}

/**
 * Reads back a table this server wrote: records (user keys, trailers dropped) in order.
 * @param bytes - the table
 * @returns a lazy iterator over its records; throws {@link TableFormatError} on malformed bytes
 */
export function* decodeTable(bytes: Uint8Array): Generator<TableRecord> {
  if (bytes.length < FOOTER_LENGTH) throw new TableFormatError('too short for a table');
  const footer = bytes.subarray(bytes.length - FOOTER_LENGTH);
  if (!MAGIC.every((b, i) => footer[FOOTER_LENGTH - MAGIC.length + i] === b))
    throw new TableFormatError('not a LevelDB-format table');
  const handles = new VarintReader(footer);
  handles.uvarint();
  handles.uvarint(); // the metaindex: properties are not needed to read records
  const index = readBlock(bytes, handles);
  for (const entry of blockEntries(index)) {
    const data = readBlock(bytes, new VarintReader(entry.value));
    for (const record of blockEntries(data)) {
      if (record.key.length < TRAILER.length) throw new TableFormatError('short internal key');
      yield { key: record.key.subarray(0, record.key.length - TRAILER.length), value: record.value };
    }
  }
}
