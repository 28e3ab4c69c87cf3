import { concatBytes, isBytes, utf8Decode, utf8Encode } from '../../../src/io/bytes';

describe('isBytes', () => {
  it('accepts Uint8Array and Node Buffers, rejects other views and values', () => {
    expect(isBytes(new Uint8Array(2))).toBe(true);
    expect(isBytes(Buffer.from('x'))).toBe(true);
    expect(isBytes(new Uint16Array(2))).toBe(false);
    expect(isBytes('x')).toBe(false);
    expect(isBytes(null)).toBe(false);
  });
});

describe('concatBytes', () => {
  it('joins parts in order', () => {
    expect([...concatBytes([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)])]).toEqual([1, 2, 3]);
    expect(concatBytes([])).toHaveLength(0);
  });
});

describe('utf8Encode / utf8Decode', () => {
  it('round-trips non-ASCII text', () => {
    const text = 'héllo · 数据 · 🚀';
    expect(utf8Decode(utf8Encode(text))).toBe(text);
    expect(utf8Encode('é')).toEqual(Uint8Array.of(0xc3, 0xa9));
  });
});
