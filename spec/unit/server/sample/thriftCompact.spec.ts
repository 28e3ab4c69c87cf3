import { encodeCompact, thrift } from '../../../../src/server/sample/thriftCompact';

const hex = (b: Buffer) => b.toString('hex');

describe('encodeCompact', () => {
  it('writes integers as zigzag varints', () => {
    expect(hex(encodeCompact(thrift.i32(0)))).toBe('00');
    expect(hex(encodeCompact(thrift.i32(-1)))).toBe('01');
    expect(hex(encodeCompact(thrift.i32(1)))).toBe('02');
    expect(hex(encodeCompact(thrift.i32(300)))).toBe('d804');
    expect(hex(encodeCompact(thrift.i64(2n ** 40n)))).toBe('808080808040'); // zigzag 2^41: five 7-bit zero groups, then 64;
    expect(hex(encodeCompact(thrift.i64(-(2n ** 63n))))).toBe('ffffffffffffffffff01');
  });

  it('writes binary with its length first', () => {
    expect(hex(encodeCompact(thrift.bin('hé')))).toBe('0368c3a9');
  });

  it('writes struct fields with short headers for small id steps, long ones otherwise, and a stop byte', () => {
    // field 1 i32 → 0x15; field 3 binary (step 2) → 0x28; field 20 i64 (step 17) → type 0x06 + zigzag id 40
    const out = encodeCompact(thrift.struct([1, thrift.i32(1)], [3, thrift.bin('a')], [20, thrift.i64(1)]));
    expect(hex(out)).toBe('1502' + '280161' + '062802' + '00');
  });

  it('leaves out fields without a value', () => {
    expect(hex(encodeCompact(thrift.struct([1, undefined], [2, thrift.i32(1)])))).toBe('250200');
  });

  it('writes list sizes in the header up to 14 items and as a varint beyond', () => {
    expect(hex(encodeCompact(thrift.list('i32', [thrift.i32(1), thrift.i32(2)])))).toBe('250204');
    const long = encodeCompact(
      thrift.list(
        'i32',
        Array.from({ length: 15 }, () => thrift.i32(0)),
      ),
    );
    expect(hex(long.subarray(0, 2))).toBe('f50f');
    expect(long.length).toBe(2 + 15);
  });
});
