import { Observable, from } from 'rxjs';
import { ValidationError } from '../../../src/errors';
import { concatBytes } from '../../../src/io/bytes';
import { toRequestBody } from '../../../src/io/toRequestBody';
import type { UploadData } from '../../../src/io/UploadData';

async function drain(body: unknown): Promise<Uint8Array> {
  if (typeof body === 'string') return new TextEncoder().encode(body);
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

const data = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 7) % 256);
const parts = [data.subarray(0, 70_000), data.subarray(70_000, 150_000), data.subarray(150_000)];

async function* generate(): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

const sources: [string, () => UploadData, number | undefined][] = [
  ['Uint8Array', () => data, data.byteLength],
  ['Blob', () => new Blob([data]), data.byteLength],
  ['ReadableStream', () => new Blob([data]).stream(), undefined],
  ['AsyncIterable', () => generate(), undefined],
  ['Observable', () => from(parts), undefined],
];

describe('toRequestBody', () => {
  it.each(sources)('sends a %s byte-identical', async (_name, make, total) => {
    const prepared = toRequestBody(make());
    expect(prepared.total).toBe(total);
    expect(await drain(prepared.body)).toEqual(data);
  });

  it.each(sources)('counts every byte of a %s as it is pulled', async (_name, make) => {
    let counted = 0;
    const prepared = toRequestBody(make(), { onBytes: (n) => (counted += n) });
    expect(prepared.body).toBeInstanceOf(ReadableStream);
    expect(counted).toBe(0);
    expect(await drain(prepared.body)).toEqual(data);
    expect(counted).toBe(data.byteLength);
  });

  it('encodes strings as UTF-8 and knows their byte size', async () => {
    const prepared = toRequestBody('naïve ☃');
    expect(prepared.total).toBe(10);
    expect(await drain(prepared.body)).toEqual(new TextEncoder().encode('naïve ☃'));
  });

  it('rejects anything else with ValidationError', () => {
    expect(() => toRequestBody(42 as unknown as UploadData)).toThrow(ValidationError);
    expect(() => toRequestBody([data] as unknown as UploadData)).toThrow(ValidationError);
  });

  it('subscribes an Observable only when read, and unsubscribes it on cancel', async () => {
    let subscribed = 0;
    let unsubscribed = 0;
    const source = new Observable<Uint8Array>((subscriber) => {
      subscribed += 1;
      subscriber.next(Uint8Array.of(1));
      return () => (unsubscribed += 1);
    });
    const body = toRequestBody(source).body as ReadableStream<Uint8Array>;
    expect(subscribed).toBe(0);
    const reader = body.getReader();
    expect((await reader.read()).value).toEqual(Uint8Array.of(1));
    await reader.cancel();
    expect([subscribed, unsubscribed]).toEqual([1, 1]);
  });

  it('pulls an AsyncIterable one chunk per read and closes it on cancel', async () => {
    let produced = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) {
          produced += 1;
          yield new Uint8Array(1024);
        }
      } finally {
        closed = true;
      }
    }
    const reader = (toRequestBody(endless()).body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBe(2);
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it('cancels the source and fails further reads when the signal aborts', async () => {
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield new Uint8Array(8);
      } finally {
        closed = true;
      }
    }
    const abandon = new AbortController();
    const reader = (
      toRequestBody(endless(), { signal: abandon.signal }).body as ReadableStream<Uint8Array>
    ).getReader();
    await reader.read();
    abandon.abort(new Error('gone'));
    await expect(reader.read()).rejects.toThrow('gone');
    await new Promise<void>((ok) => setImmediate(ok));
    expect(closed).toBe(true);
  });

  it('fails the stream when an Observable errors', async () => {
    const body = toRequestBody(new Observable<Uint8Array>((s) => s.error(new Error('source broke'))))
      .body as ReadableStream<Uint8Array>;
    await expect(drain(body)).rejects.toThrow('source broke');
  });
});
