import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { s3Error } from '../s3Errors';
import { decodeAwsChunked } from './decodeAwsChunked';
import type { SigV4Claim } from './parseSigV4';
import type { VerifiedSignature } from './verifySigV4';

const SIGNED_STREAMING = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
const SIGNED_STREAMING_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
const UNSIGNED_STREAMING_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

async function* hashChecked(
  source: AsyncIterable<Uint8Array>,
  expectedHex: string,
): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
  if (hash.digest('hex') !== expectedHex.toLowerCase()) throw s3Error('XAmzContentSHA256Mismatch');
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The request's payload as the signature protects it: `UNSIGNED-PAYLOAD` as is, a hex SHA-256 checked at
 * the end (`XAmzContentSHA256Mismatch`), and the `aws-chunked` streaming variants decoded and verified
 * chunk by chunk. Nothing is buffered: a consumer that fails on the stream's error keeps nothing.
 * @param req - the request
 * @param claim - its SigV4 claim
 * @param signature - the verified signature (seed of the chunk chain)
 * @returns the payload bytes and their length when known in advance
 */
export function verifiedBody(
  req: IncomingMessage,
  claim: SigV4Claim,
  signature: VerifiedSignature,
): { body: AsyncIterable<Uint8Array>; length?: number } {
  const hash = claim.payloadHash;
  const decoded = header(req, 'x-amz-decoded-content-length');
  const decodedLength = decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
  const trailer = header(req, 'x-amz-trailer')?.trim() || undefined;
  if (hash === SIGNED_STREAMING || hash === SIGNED_STREAMING_TRAILER || hash === UNSIGNED_STREAMING_TRAILER)
    return {
      body: decodeAwsChunked(req, {
        signedChunks: hash !== UNSIGNED_STREAMING_TRAILER,
        trailer: hash === SIGNED_STREAMING ? undefined : trailer,
        signature,
        decodedLength,
      }),
      length: decodedLength,
    };
  const length = header(req, 'content-length');
  const known = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
  if (hash === 'UNSIGNED-PAYLOAD') return { body: req, length: known };
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw s3Error('XAmzContentSHA256Mismatch');
  return { body: hashChecked(req, hash), length: known };
}
