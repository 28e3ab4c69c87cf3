import { createHash, createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { S3Error } from '../../../../src/server/presign/S3Error';
import { decodeAwsChunked } from '../../../../src/server/gateway/sigv4/decodeAwsChunked';
import type { VerifiedSignature } from '../../../../src/server/gateway/sigv4/verifySigV4';

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
// an independent derivation of the SigV4 key (AWS's documented algorithm), not the server's helper
const key = hmac(hmac(hmac(hmac('AWS4secret', '20261201'), 'us-east-1'), 's3'), 'aws4_request');
const signature: VerifiedSignature = {
  key,
  scope: '20261201/us-east-1/s3/aws4_request',
  amzDate: '20261201T120000Z',
  signature: 'a'.repeat(64),
};
const crc32Base64 = (data: Buffer): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
};

async function decode(
  body: Buffer,
  options: Parameters<typeof decodeAwsChunked>[1],
  pieces = 7,
): Promise<Buffer> {
  // feed the body in odd-sized pieces so chunk headers straddle reads
  async function* source(): AsyncGenerator<Uint8Array> {
    const size = Math.ceil(body.length / pieces);
    for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
  }
  const out: Buffer[] = [];
  for await (const chunk of decodeAwsChunked(source(), options)) out.push(chunk);
  return Buffer.concat(out);
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3Error) return error.code;
    throw error;
  }
  return 'no error';
}

const payload = Buffer.from('hello, chunked world! '.repeat(50));
const chunks = [payload.subarray(0, 700), payload.subarray(700)];

function unsignedTrailer(checksum = crc32Base64(payload)): Buffer {
  return Buffer.concat([
    ...chunks.flatMap((c) => [Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]),
    Buffer.from(`0\r\nx-amz-checksum-crc32:${checksum}\r\n\r\n`),
  ]);
}

function signedWithTrailer(tamperTrailer = false): Buffer {
  const parts: Buffer[] = [];
  let previous = signature.signature;
  for (const c of [...chunks, Buffer.alloc(0)]) {
    const toSign = [
      'AWS4-HMAC-SHA256-PAYLOAD',
      signature.amzDate,
      signature.scope,
      previous,
      sha(''),
      sha(c),
    ].join('\n');
    previous = hmac(key, toSign).toString('hex');
    parts.push(Buffer.from(`${c.length.toString(16)};chunk-signature=${previous}\r\n`), c);
    if (c.length) parts.push(Buffer.from('\r\n'));
  }
  const trailer = `x-amz-checksum-crc32:${crc32Base64(payload)}\n`;
  const toSign = [
    'AWS4-HMAC-SHA256-TRAILER',
    signature.amzDate,
    signature.scope,
    previous,
    sha(trailer),
  ].join('\n');
  const trailerSignature = hmac(key, toSign).toString('hex');
  const sent = tamperTrailer ? `x-amz-checksum-crc32:${crc32Base64(Buffer.from('x'))}` : trailer.trim();
  parts.push(Buffer.from(`${sent}\r\nx-amz-trailer-signature:${trailerSignature}\r\n\r\n`));
  return Buffer.concat(parts);
}

describe('decodeAwsChunked', () => {
  const unsigned = { signedChunks: false, trailer: 'x-amz-checksum-crc32', signature };
  const signed = { signedChunks: true, trailer: 'x-amz-checksum-crc32', signature };

  it('decodes STREAMING-UNSIGNED-PAYLOAD-TRAILER and checks the CRC32 trailer', async () => {
    expect(
      (await decode(unsignedTrailer(), { ...unsigned, decodedLength: payload.length })).equals(payload),
    ).toBe(true);
    expect(await failure(decode(unsignedTrailer(crc32Base64(Buffer.from('other'))), unsigned))).toBe(
      'BadDigest',
    );
  });

  it('decodes STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: chained chunk signatures and a signed trailer', async () => {
    expect((await decode(signedWithTrailer(), signed, 3)).equals(payload)).toBe(true);
    expect(await failure(decode(signedWithTrailer(true), signed))).toBe('SignatureDoesNotMatch');
  });

  it('refuses a body cut short, a wrong decoded length and a malformed chunk header', async () => {
    const whole = unsignedTrailer();
    expect(await failure(decode(whole.subarray(0, 500), unsigned))).toBe('IncompleteBody');
    expect(await failure(decode(whole, { ...unsigned, decodedLength: payload.length + 1 }))).toBe(
      'IncompleteBody',
    );
    expect(await failure(decode(Buffer.from('zz\r\nabc\r\n0\r\n\r\n'), unsigned))).toBe('IncompleteBody');
  });

  it('refuses a trailer algorithm lakeFS does not support', async () => {
    expect(
      await failure(decode(unsignedTrailer(), { ...unsigned, trailer: 'x-amz-checksum-crc64nvme' })),
    ).toBe('InvalidRequest');
  });
});
