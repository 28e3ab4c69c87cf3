/**
 * A value of the Thrift compact protocol, as far as Parquet's footer and page headers need it: 32- and
 * 64-bit integers, binary/string, lists and structs (fields by id, written in ascending id order).
 */
export type ThriftValue =
  | { readonly t: 'i32'; readonly v: number }
  | { readonly t: 'i64'; readonly v: number | bigint }
  | { readonly t: 'bin'; readonly v: string | Uint8Array }
  | { readonly t: 'list'; readonly elem: ThriftValue['t']; readonly items: readonly ThriftValue[] }
  | { readonly t: 'struct'; readonly fields: readonly (readonly [number, ThriftValue])[] };

/** Constructors that read like the Thrift IDL. */
export const thrift = {
  i32: (v: number): ThriftValue => ({ t: 'i32', v }),
  i64: (v: number | bigint): ThriftValue => ({ t: 'i64', v }),
  bin: (v: string | Uint8Array): ThriftValue => ({ t: 'bin', v }),
  list: (elem: ThriftValue['t'], items: readonly ThriftValue[]): ThriftValue => ({ t: 'list', elem, items }),
  struct: (...fields: (readonly [number, ThriftValue | undefined])[]): ThriftValue => ({
    t: 'struct',
    fields: fields.filter((f): f is readonly [number, ThriftValue] => f[1] !== undefined),
  }),
};

// Compact-protocol type ids (the element/field type nibble).
const TYPE_ID: Readonly<Record<ThriftValue['t'], number>> = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 };

/**
 * Encodes one Thrift value with the compact protocol (what Parquet uses for its metadata).
 * @param value - the value; a struct's fields must be listed in ascending id order
 * @returns the encoded bytes
 */
export function encodeCompact(value: ThriftValue): Buffer {
  const out: number[] = [];
  write(out, value);
  return Buffer.from(out);
}

function write(out: number[], value: ThriftValue): void {
  switch (value.t) {
    case 'i32':
      varint(out, BigInt(((value.v << 1) ^ (value.v >> 31)) >>> 0));
      return;
    case 'i64': {
      const n = BigInt.asIntN(64, BigInt(value.v));
      varint(out, BigInt.asUintN(64, (n << 1n) ^ (n >> 63n)));
      return;
    }
    case 'bin': {
      const bytes = typeof value.v === 'string' ? Buffer.from(value.v, 'utf8') : value.v;
      varint(out, BigInt(bytes.length));
      for (const b of bytes) out.push(b);
      return;
    }
    case 'list': {
      const size = value.items.length;
      if (size < 15) out.push((size << 4) | TYPE_ID[value.elem]);
      else {
        out.push(0xf0 | TYPE_ID[value.elem]);
        varint(out, BigInt(size));
      }
      for (const item of value.items) write(out, item);
      return;
    }
    case 'struct': {
      let last = 0;
      for (const [id, field] of value.fields) {
        const delta = id - last;
        // Short form when the id grows by 1..15; otherwise the type byte and the id as a zigzag i16.
        if (delta > 0 && delta <= 15) out.push((delta << 4) | TYPE_ID[field.t]);
        else {
          out.push(TYPE_ID[field.t]);
          varint(out, BigInt(((id << 1) ^ (id >> 15)) & 0xffff));
        }
        write(out, field);
        last = id;
      }
      out.push(0); // stop field
      return;
    }
  }
}

function varint(out: number[], n: bigint): void {
  let rest = n;
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
}
