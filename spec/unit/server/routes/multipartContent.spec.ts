import {
  multipartBoundary,
  multipartContent,
  type MultipartPart,
} from '../../../../src/server/routes/multipartContent';
import { ApiError } from '../../../../src/server/http/ApiError';

async function* inPieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const body = (parts: string[]) => `preamble\r\n${parts.map((p) => `--XyZ\r\n${p}\r\n`).join('')}--XyZ--\r\n`;

async function read(text: string, size: number): Promise<{ data: string; part: MultipartPart }> {
  const part: MultipartPart = {};
  const out: Buffer[] = [];
  for await (const c of multipartContent(inPieces(text, size), 'XyZ', part)) out.push(c);
  return { data: Buffer.concat(out).toString(), part };
}

describe('multipartContent', () => {
  const text = body([
    'Content-Disposition: form-data; name="meta"\r\n\r\nskip me --XyZ not a boundary',
    'Content-Disposition: form-data; name="content"; filename="f"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--Xy\r\n1,2',
    'Content-Disposition: form-data; name="content"\r\n\r\nsecond',
  ]);

  it.each([1, 2, 7, 64, 10_000])('streams the first content part with %i-byte chunks', async (size) => {
    const { data, part } = await read(text, size);
    expect(data).toBe('a,b\r\n--Xy\r\n1,2');
    expect(part.contentType).toBe('text/csv');
  });

  it('fails with 500 when there is no content part', async () => {
    const noContent = body(['Content-Disposition: form-data; name="x"\r\n\r\ny']);
    await expect(read(noContent, 5)).rejects.toBeInstanceOf(ApiError);
    expect(() => multipartBoundary('multipart/form-data')).toThrow(ApiError);
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
  });
});
