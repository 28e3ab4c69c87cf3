import { encodeCompact, thrift } from './thriftCompact';

/** A required (non-null) column of a flat table. */
export type ParquetColumn =
  | { readonly name: string; readonly type: 'int64'; readonly values: readonly number[] }
  | { readonly name: string; readonly type: 'double'; readonly values: readonly number[] }
  | { readonly name: string; readonly type: 'string'; readonly values: readonly string[] };

// parquet.thrift enums
const PHYSICAL = { int64: 2, double: 5, string: 6 } as const; // INT64, DOUBLE, BYTE_ARRAY
const REQUIRED = 0;
const CONVERTED_UTF8 = 0;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const CODEC_UNCOMPRESSED = 0;
const PAGE_DATA = 0;
const MAGIC = Buffer.from('PAR1');

/**
 * Writes a flat table of required columns as a Parquet file: one row group, one uncompressed PLAIN data
 * page (v1) per column, UTF-8 strings annotated as such. That is the simplest layout every reader
 * (pyarrow/pandas, polars, DuckDB) accepts; the sample data needs nothing more, so the server carries no
 * Parquet dependency.
 * @param columns - the columns, all of the same length
 * @returns the file's bytes
 */
export function writeParquet(columns: readonly ParquetColumn[]): Buffer {
  const rows = columns[0]?.values.length ?? 0;
  if (columns.some((c) => c.values.length !== rows)) throw new Error('parquet columns differ in length');
  const parts: Buffer[] = [MAGIC];
  let offset = MAGIC.length;
  const chunks = columns.map((column) => {
    const data = plainValues(column);
    const header = encodeCompact(
      thrift.struct(
        [1, thrift.i32(PAGE_DATA)],
        [2, thrift.i32(data.length)],
        [3, thrift.i32(data.length)],
        [
          5,
          thrift.struct(
            [1, thrift.i32(rows)],
            [2, thrift.i32(ENCODING_PLAIN)],
            [3, thrift.i32(ENCODING_RLE)],
            [4, thrift.i32(ENCODING_RLE)],
          ),
        ],
      ),
    );
    const pageOffset = offset;
    const size = header.length + data.length;
    parts.push(header, data);
    offset += size;
    return { column, pageOffset, size };
  });
  const footer = encodeCompact(
    thrift.struct(
      [1, thrift.i32(1)],
      [
        2,
        thrift.list('struct', [
          thrift.struct([4, thrift.bin('schema')], [5, thrift.i32(columns.length)]),
          ...columns.map((c) =>
            thrift.struct(
              [1, thrift.i32(PHYSICAL[c.type])],
              [3, thrift.i32(REQUIRED)],
              [4, thrift.bin(c.name)],
              [6, c.type === 'string' ? thrift.i32(CONVERTED_UTF8) : undefined],
            ),
          ),
        ]),
      ],
      [3, thrift.i64(rows)],
      [
        4,
        thrift.list('struct', [
          thrift.struct(
            [
              1,
              thrift.list(
                'struct',
                chunks.map(({ column, pageOffset, size }) =>
                  thrift.struct(
                    [2, thrift.i64(pageOffset)],
                    [
                      3,
                      thrift.struct(
                        [1, thrift.i32(PHYSICAL[column.type])],
                        [2, thrift.list('i32', [thrift.i32(ENCODING_PLAIN), thrift.i32(ENCODING_RLE)])],
                        [3, thrift.list('bin', [thrift.bin(column.name)])],
                        [4, thrift.i32(CODEC_UNCOMPRESSED)],
                        [5, thrift.i64(rows)],
                        [6, thrift.i64(size)],
                        [7, thrift.i64(size)],
                        [9, thrift.i64(pageOffset)],
                      ),
                    ],
                  ),
                ),
              ),
            ],
            [2, thrift.i64(chunks.reduce((sum, c) => sum + c.size, 0))],
            [3, thrift.i64(rows)],
          ),
        ]),
      ],
      [6, thrift.bin('lakefs-rx')],
    ),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(footer.length);
  parts.push(footer, length, MAGIC);
  return Buffer.concat(parts);
}

// PLAIN encoding: little-endian fixed width for numbers, a 4-byte length before each string's bytes.
function plainValues(column: ParquetColumn): Buffer {
  if (column.type === 'string') {
    const encoded = column.values.map((s) => Buffer.from(s, 'utf8'));
    const out = Buffer.alloc(encoded.reduce((sum, b) => sum + 4 + b.length, 0));
    let at = 0;
    for (const b of encoded) {
      at = out.writeUInt32LE(b.length, at);
      at += b.copy(out, at);
    }
    return out;
  }
  const out = Buffer.alloc(column.values.length * 8);
  column.values.forEach((v, i) =>
    column.type === 'int64' ? out.writeBigInt64LE(BigInt(v), i * 8) : out.writeDoubleLE(v, i * 8),
  );
  return out;
}
