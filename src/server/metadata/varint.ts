/**
 * Appends an unsigned LEB128 varint (protobuf's and LevelDB's integer encoding).
 * @param out - the byte list to append to
 * @param value - a non-negative safe integer
 */
export function putUvarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/**
 * Appends a zig-zag signed varint (Go's `binary.PutVarint`, which lakeFS's value encoding uses).
 * @param out - the byte list to append to
 * @param value - a safe integer
 */
export function putVarint(out: number[], value: number): void {
  putUvarint(out, value >= 0 ? value * 2 : -value * 2 - 1);
}

/** A reader of varints from a buffer, advancing an offset. */
export class VarintReader {
  /** @param bytes - the buffer @param offset - where to start */
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  /** @returns the next unsigned varint; throws on a truncated one */
  uvarint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.offset >= this.bytes.length) throw new RangeError('truncated varint');
      const b = this.bytes[this.offset++] as number;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
  }

  /** @returns the next zig-zag signed varint */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** @returns the next `n` bytes */
  take(n: number): Uint8Array {
    if (this.offset + n > this.bytes.length) throw new RangeError('truncated bytes');
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
}
