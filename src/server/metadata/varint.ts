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

/** A growable byte buffer: what the table and record encoders write into (no per-byte arrays). */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(256);
  /** Bytes written so far. */
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  /** Appends an unsigned varint. */
  uvarint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.length++] = v;
  }

  /** Appends a zig-zag signed varint. */
  varint(value: number): void {
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Appends a little-endian uint32. */
  uint32le(value: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(value >>> 0, this.length);
    this.length += 4;
  }

  /** @returns the bytes written (a view: write nothing more afterwards) */
  finish(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
