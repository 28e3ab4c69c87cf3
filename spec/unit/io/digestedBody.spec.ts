import { createHash } from 'node:crypto';
import { from } from 'rxjs';
import { concatBytes } from '../../../src/io/bytes';
import { toDigestedBody } from '../../../src/io/digestedBody';
import type { UploadData } from '../../../src/io/UploadData';

async function drain(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(parts);
    parts.push(value);
  }
}

const data = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 13) % 251);
const expected = createHash('md5').update(data).digest('hex');
async function* generate(): AsyncGenerator<Uint8Array> {
  yield data.subarray(0, 70_000);
  yield data.subarray(70_000);
}

describe('toDigestedBody', () => {
  it.each<[string, () => UploadData]>([
    ['Uint8Array', () => data],
    ['Blob', () => new Blob([data])],
    ['ReadableStream', () => new Blob([data]).stream()],
    ['AsyncIterable', () => generate()],
    ['Observable', () => from([data.subarray(0, 1), data.subarray(1)])],
  ])('tells the MD5 and size of a %s once it was sent', async (_, make) => {
    const body = toDigestedBody(make());
    const sent = await drain(body.body);
    expect(Buffer.from(sent).equals(Buffer.from(data))).toBe(true);
    expect(body.sizeBytes()).toBe(data.length);
    await expect(body.md5()).resolves.toBe(expected);
  });

  it('hashes a string as its UTF-8 bytes', async () => {
    const body = toDigestedBody('ünïcödé');
    await expect(body.md5()).resolves.toBe(createHash('md5').update('ünïcödé', 'utf8').digest('hex'));
    expect(body.sizeBytes()).toBe(Buffer.byteLength('ünïcödé'));
  });

  it('refuses to tell the MD5 of a stream that was not sent to its end', async () => {
    const body = toDigestedBody(generate());
    await (body.body as ReadableStream<Uint8Array>).getReader().read();
    await expect(body.md5()).rejects.toThrow(/not sent to its end/);
    expect(() => body.sizeBytes()).toThrow(/not sent to its end/);
  });

  it('still reports progress as the transport pulls', async () => {
    const seen: number[] = [];
    const body = toDigestedBody(generate(), { onBytes: (n) => seen.push(n) });
    await drain(body.body);
    expect(seen).toEqual([70_000, 80_000]);
    await expect(body.md5()).resolves.toBe(expected);
  });
});
