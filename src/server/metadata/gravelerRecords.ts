import type { EntryRecord } from '../store/types';
import { ByteWriter, VarintReader } from './varint';

/**
 * The record encodings lakeFS's graveler keeps in its range and meta-range tables, so that a table this
 * server hands out reads like one from lakeFS: a value is `varint len(identity) | identity | varint
 * len(data) | data` (signed varints), and data is a protobuf message — `catalog.Entry` in a range,
 * `committed.RangeData` in a meta-range.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Protobuf wire types used here. */
const VARINT = 0;
const BYTES = 2;

function tag(out: ByteWriter, field: number, wireType: number): void {
  out.uvarint(field * 8 + wireType);
}

function bytesField(out: ByteWriter, field: number, value: Uint8Array): void {
  if (value.length === 0) return; // proto3 leaves defaults out
  tag(out, field, BYTES);
  out.uvarint(value.length);
  out.bytes(value);
}

function varintField(out: ByteWriter, field: number, value: number): void {
  if (value === 0) return;
  tag(out, field, VARINT);
  out.uvarint(value);
}

/** A length-delimited field holding a sub-message. */
function messageField(out: ByteWriter, field: number, message: Uint8Array): void {
  tag(out, field, BYTES);
  out.uvarint(message.length);
  out.bytes(message);
}

/**
 * A graveler value: identity and data, each length-prefixed.
 * @returns the encoded value
 */
export function gravelerValue(identity: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new ByteWriter();
  out.varint(identity.length);
  out.bytes(identity);
  out.varint(data.length);
  out.bytes(data);
  return out.finish();
}

/**
 * Splits a graveler value into identity and data.
 * @returns both parts; throws RangeError on truncated bytes
 */
export function parseGravelerValue(value: Uint8Array): { identity: Uint8Array; data: Uint8Array } {
  const reader = new VarintReader(value);
  const identity = reader.take(reader.varint());
  const data = reader.take(reader.varint());
  return { identity, data };
}

/**
 * An object entry as lakeFS's `catalog.Entry` protobuf: address (full), last modified, size, ETag,
 * metadata, content type.
 * @returns the message bytes
 */
export function entryMessage(entry: EntryRecord): Uint8Array {
  const out = new ByteWriter();
  bytesField(out, 1, encoder.encode(entry.physicalAddress));
  const timestamp = new ByteWriter();
  varintField(timestamp, 1, entry.mtime);
  messageField(out, 2, timestamp.finish());
  varintField(out, 3, entry.sizeBytes);
  bytesField(out, 4, encoder.encode(entry.checksum));
  for (const [k, v] of Object.entries(entry.metadata).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const pair = new ByteWriter();
    messageField(pair, 1, encoder.encode(k));
    messageField(pair, 2, encoder.encode(v));
    messageField(out, 5, pair.finish());
  }
  varintField(out, 6, 2); // AddressType FULL: the address is the whole physical address
  bytesField(out, 7, encoder.encode(entry.contentType));
  return out.finish();
}

/** The fields of a protobuf message: field number → raw values (bytes for length-delimited, numbers for varints). */
function fields(message: Uint8Array): Map<number, (Uint8Array | number)[]> {
  const reader = new VarintReader(message);
  const found = new Map<number, (Uint8Array | number)[]>();
  while (reader.offset < message.length) {
    const key = reader.uvarint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    let value: Uint8Array | number;
    if (wireType === VARINT) value = reader.uvarint();
    else if (wireType === BYTES) value = reader.take(reader.uvarint());
    else throw new RangeError(`unsupported protobuf wire type ${wireType}`);
    found.set(field, [...(found.get(field) ?? []), value]);
  }
  return found;
}

const text = (v: Uint8Array | number | undefined): string =>
  v instanceof Uint8Array ? decoder.decode(v) : '';
const num = (v: Uint8Array | number | undefined): number => (typeof v === 'number' ? v : 0);

/** An entry read back from a range table: everything {@link entryMessage} wrote. */
export type ParsedEntry = Omit<EntryRecord, 'identity'>;

/**
 * Reads a `catalog.Entry` message.
 * @returns the entry's fields
 */
export function parseEntryMessage(message: Uint8Array): ParsedEntry {
  const f = fields(message);
  const timestamp = f.get(2)?.[0];
  const metadata: Record<string, string> = {};
  for (const pair of f.get(5) ?? []) {
    if (!(pair instanceof Uint8Array)) continue;
    const kv = fields(pair);
    metadata[text(kv.get(1)?.[0])] = text(kv.get(2)?.[0]);
  }
  return {
    physicalAddress: text(f.get(1)?.[0]),
    mtime: timestamp instanceof Uint8Array ? num(fields(timestamp).get(1)?.[0]) : 0,
    sizeBytes: num(f.get(3)?.[0]),
    checksum: text(f.get(4)?.[0]),
    metadata,
    contentType: text(f.get(7)?.[0]),
  };
}

/** What a meta-range says of one of its ranges. */
export interface RangeInfo {
  readonly id: string;
  readonly minKey: string;
  readonly maxKey: string;
  readonly estimatedSize: number;
  readonly count: number;
}

/**
 * A range as lakeFS's `committed.RangeData` protobuf.
 * @returns the message bytes
 */
export function rangeDataMessage(range: RangeInfo): Uint8Array {
  const out = new ByteWriter();
  bytesField(out, 1, encoder.encode(range.minKey));
  bytesField(out, 2, encoder.encode(range.maxKey));
  varintField(out, 3, range.estimatedSize);
  varintField(out, 4, range.count);
  return out.finish();
}

/**
 * Reads a `committed.RangeData` message.
 * @param id - the range id (the value's identity)
 * @returns the range
 */
export function parseRangeData(id: string, message: Uint8Array): RangeInfo {
  const f = fields(message);
  return {
    id,
    minKey: text(f.get(1)?.[0]),
    maxKey: text(f.get(2)?.[0]),
    estimatedSize: num(f.get(3)?.[0]),
    count: num(f.get(4)?.[0]),
  };
}
