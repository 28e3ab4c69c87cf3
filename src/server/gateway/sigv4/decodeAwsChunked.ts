import { createHash } from 'node:crypto';
import { s3Error } from '../s3Errors';
import { EMPTY_SHA256, hmac, sha256Hex } from './signingKey';
import { type RunningChecksum, trailerChecksum } from './trailerChecksum';
import type { VerifiedSignature } from './verifySigV4';

/** How an `aws-chunked` body is framed and what protects it. */
export interface ChunkedOptions {
  /** Chunk headers carry `;chunk-signature=…`, chained from the request's signature. */
  readonly signedChunks: boolean;
  /** The trailer the `x-amz-trailer` header announced (e.g. `x-amz-checksum-crc32`), if any. */
  readonly trailer?: string;
  /** With signed chunks and a trailer: the trailer is signed too (`x-amz-trailer-signature`). */
  readonly signature: VerifiedSignature;
  /** `x-amz-decoded-content-length`, checked against what arrives. */
  readonly decodedLength?: number;
}

const MAX_LINE = 4096;
const CRLF = Buffer.from('\r\n');

/** A pull reader over the request's chunks that hands out lines and byte runs without copying the body. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : Buffer.from(next.value);
    return true;
  }

  /** The next CRLF-terminated line (without CRLF), or undefined at a clean end. */
  async line(): Promise<string | undefined> {
    for (;;) {
      const at = this.buffer.indexOf(CRLF);
      if (at >= 0) {
        const text = this.buffer.subarray(0, at).toString('latin1');
        this.buffer = this.buffer.subarray(at + 2);
        return text;
      }
      if (this.buffer.length > MAX_LINE) throw s3Error('IncompleteBody', 'chunk header too long');
      if (!(await this.fill())) {
        if (this.buffer.length === 0) return undefined;
        const rest = this.buffer.toString('latin1');
        this.buffer = Buffer.alloc(0);
        return rest; // a last line without CRLF (some clients omit the final one)
      }
    }
  }

  /** Reads and drops whatever follows the framing (a final CRLF some clients add). */
  async drain(): Promise<void> {
    while (await this.fill()) this.buffer = Buffer.alloc(0);
  }

  /** Up to `max` bytes (at least one), or fails when the body ends first. */
  async bytes(max: number): Promise<Buffer> {
    if (this.buffer.length === 0 && !(await this.fill())) throw s3Error('IncompleteBody');
    const n = Math.min(max, this.buffer.length);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }
}

function chunkStringToSign(sig: VerifiedSignature, previous: string, chunkHash: string): string {
  return ['AWS4-HMAC-SHA256-PAYLOAD', sig.amzDate, sig.scope, previous, EMPTY_SHA256, chunkHash].join('\n');
}

function parseChunkHeader(line: string, signed: boolean): { size: number; signature?: string } {
  const [sizeText = '', ...extensions] = line.split(';');
  if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText.trim())) throw s3Error('IncompleteBody', 'malformed chunk header');
  const size = Number.parseInt(sizeText.trim(), 16);
  const signature = extensions
    .map((e) => e.trim())
    .find((e) => e.startsWith('chunk-signature='))
    ?.slice('chunk-signature='.length);
  if (signed && !signature) throw s3Error('SignatureDoesNotMatch');
  return { size, signature };
}

async function readTrailer(
  reader: ByteReader,
  options: ChunkedOptions,
  checksum: RunningChecksum | undefined,
  previousSignature: string,
): Promise<void> {
  const lines: string[] = [];
  let trailerSignature: string | undefined;
  for (;;) {
    const line = await reader.line();
    if (line === undefined || line === '') break;
    if (line.startsWith('x-amz-trailer-signature:'))
      trailerSignature = line.slice(line.indexOf(':') + 1).trim();
    else lines.push(line);
  }
  if (options.signedChunks && options.trailer) {
    const canonical = lines.map(
      (l) => `${l.slice(0, l.indexOf(':')).toLowerCase()}:${l.slice(l.indexOf(':') + 1).trim()}\n`,
    );
    const stringToSign = [
      'AWS4-HMAC-SHA256-TRAILER',
      options.signature.amzDate,
      options.signature.scope,
      previousSignature,
      sha256Hex(canonical.join('')),
    ].join('\n');
    if (hmac(options.signature.key, stringToSign).toString('hex') !== trailerSignature)
      throw s3Error('SignatureDoesNotMatch');
  }
  if (!checksum || !options.trailer) return;
  const wanted = lines.find(
    (l) => l.slice(0, l.indexOf(':')).toLowerCase() === options.trailer?.toLowerCase(),
  );
  if (wanted === undefined) throw s3Error('InvalidRequest', `missing trailer ${options.trailer}`);
  if (wanted.slice(wanted.indexOf(':') + 1).trim() !== checksum.digestBase64())
    throw s3Error('BadDigest', `The ${options.trailer} you specified did not match the calculated checksum.`);
}

/**
 * Decodes an `aws-chunked` body as it streams (STREAMING-AWS4-HMAC-SHA256-PAYLOAD, its -TRAILER variant and
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER): yields the payload bytes as they arrive, verifies each chunk's
 * signature at its end and the trailing checksum at the end of the body, and fails the stream otherwise —
 * so a store consuming it never keeps a tampered body, and memory stays bounded by the socket's chunks.
 * @param source - the raw request body
 * @param options - framing, trailer and the verified request signature
 * @returns the decoded payload
 */
export async function* decodeAwsChunked(
  source: AsyncIterable<Uint8Array>,
  options: ChunkedOptions,
): AsyncGenerator<Buffer, void, undefined> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  const checksum = options.trailer ? trailerChecksum(options.trailer) : undefined;
  let previous = options.signature.signature;
  let total = 0;
  for (;;) {
    const line = await reader.line();
    if (line === undefined) throw s3Error('IncompleteBody');
    const header = parseChunkHeader(line, options.signedChunks);
    const hash = options.signedChunks ? createHash('sha256') : undefined;
    let left = header.size;
    while (left > 0) {
      const data = await reader.bytes(left);
      left -= data.length;
      hash?.update(data);
      checksum?.update(data);
      yield data;
    }
    total += header.size;
    if (hash) {
      const expected = hmac(
        options.signature.key,
        chunkStringToSign(options.signature, previous, hash.digest('hex')),
      );
      if (expected.toString('hex') !== header.signature) throw s3Error('SignatureDoesNotMatch');
      previous = expected.toString('hex');
    }
    if (header.size === 0) break;
    if ((await reader.line()) !== '') throw s3Error('IncompleteBody', 'malformed chunk terminator');
  }
  if (options.trailer || !options.signedChunks) await readTrailer(reader, options, checksum, previous);
  if (options.decodedLength !== undefined && options.decodedLength !== total) throw s3Error('IncompleteBody');
  await reader.drain();
}
