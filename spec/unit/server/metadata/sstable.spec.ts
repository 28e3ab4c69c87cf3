import { crc32c, maskedCrc32c } from '../../../../src/server/metadata/crc32c';
import {
  entryMessage,
  gravelerValue,
  parseEntryMessage,
  parseGravelerValue,
  parseRangeData,
  rangeDataMessage,
} from '../../../../src/server/metadata/gravelerRecords';
import { decodeTable, encodeTable, TableFormatError } from '../../../../src/server/metadata/sstable';
import { putVarint, VarintReader } from '../../../../src/server/metadata/varint';
import { makeEntry } from '../../../../src/server/store/makeEntry';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('crc32c', () => {
  it('matches the Castagnoli check value and masks as LevelDB does', () => {
    expect(crc32c(encoder.encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    const c = 0xe3069283;
    expect(maskedCrc32c(encoder.encode('123456789'))).toBe((((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0);
  });
});

describe('varints', () => {
  it('round-trips zig-zag signed values the way Go’s binary.PutVarint writes them', () => {
    const out: number[] = [];
    for (const v of [0, -1, 1, 63, -64, 64, 300, 2 ** 40]) putVarint(out, v);
    expect(out.slice(0, 4)).toEqual([0, 1, 2, 126]);
    const reader = new VarintReader(Uint8Array.from(out));
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(() => reader.varint())).toEqual([
      0,
      -1,
      1,
      63,
      -64,
      64,
      300,
      2 ** 40,
    ]);
    expect(() => reader.uvarint()).toThrow(RangeError);
  });
});

describe('encodeTable / decodeTable', () => {
  const records = Array.from({ length: 2000 }, (_, i) => ({
    key: encoder.encode(`prefix/shared/${String(i).padStart(6, '0')}`),
    value: encoder.encode(`value-${i}`.repeat(1 + (i % 5))),
  }));

  it('reads back every record in order across many blocks, keys shared by prefix', () => {
    const bytes = encodeTable(records, { type: 'ranges' });
    // prefix compression: far smaller than the keys written out in full
    const raw = records.reduce((n, r) => n + r.key.length + 8 + r.value.length, 0);
    expect(bytes.length).toBeLessThan(raw);
    const back = [...decodeTable(bytes)];
    expect(back.map((r) => decoder.decode(r.key))).toEqual(records.map((r) => decoder.decode(r.key)));
    expect(back.map((r) => decoder.decode(r.value))).toEqual(records.map((r) => decoder.decode(r.value)));
    expect(bytes.subarray(bytes.length - 8).toString('hex')).toBe('57fb808b247547db');
  });

  it('is deterministic and handles an empty table', () => {
    expect(encodeTable(records, { a: 'b' }).equals(encodeTable(records, { a: 'b' }))).toBe(true);
    expect([...decodeTable(encodeTable([], {}))]).toEqual([]);
  });

  it('refuses corrupted bytes with a TableFormatError', () => {
    const bytes = encodeTable(records.slice(0, 10), {});
    const flipped = Buffer.from(bytes);
    flipped[3] = (flipped[3] as number) ^ 0xff;
    expect(() => [...decodeTable(flipped)]).toThrow(TableFormatError);
    expect(() => [...decodeTable(bytes.subarray(0, bytes.length - 1))]).toThrow(TableFormatError);
    expect(() => [...decodeTable(new Uint8Array(10))]).toThrow(TableFormatError);
  });
});

describe('graveler records', () => {
  it('round-trips a value and an entry message', () => {
    const value = gravelerValue(encoder.encode('identity'), encoder.encode('data'));
    const parsed = parseGravelerValue(value);
    expect(decoder.decode(parsed.identity)).toBe('identity');
    expect(decoder.decode(parsed.data)).toBe('data');
    const entry = makeEntry({
      physicalAddress: 'local:///tmp/ns/data/abc',
      checksum: '5d41402abc4b2a76b9719d911017c592',
      sizeBytes: 5,
      mtime: 1_700_000_000,
      contentType: 'text/plain',
      metadata: { b: '2', a: '1' },
    });
    const { identity: _identity, ...fields } = entry;
    expect(parseEntryMessage(entryMessage(entry))).toEqual(fields);
  });

  it('round-trips range data', () => {
    const range = { id: 'r1', minKey: 'a', maxKey: 'z', estimatedSize: 12345, count: 7 };
    expect(parseRangeData('r1', rangeDataMessage(range))).toEqual(range);
  });
});
