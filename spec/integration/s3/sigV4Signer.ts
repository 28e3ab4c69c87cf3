import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { TestTarget } from '../../support/testLakeFS';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/**
 * node:crypto's SHA-256 in the shape the AWS SDK's signer takes (constructed with a secret it is the HMAC);
 * the SDK's own adapter is not a direct dependency.
 */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** The AWS SDK's SigV4 signer (`@smithy/signature-v4`) for the target's key pair, service `s3`. */
export function signerFor(
  target: TestTarget,
  secretAccessKey = target.credentials.secretAccessKey,
): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: target.credentials.accessKeyId, secretAccessKey },
    region: 'us-east-1',
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
}

/** A request the signer can sign, aimed at the target's gateway. */
export function gatewayRequest(
  target: TestTarget,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): {
  method: string;
  protocol: string;
  hostname: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
} {
  const url = new URL(target.endpoint);
  return {
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path,
    headers: { host: url.host, ...headers },
    query: {},
  };
}

/** Sends a signed request with fetch (bodies as bytes), returning status and text. */
export async function send(
  target: TestTarget,
  signed: { method: string; path: string; headers: Record<string, string> },
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(`${target.endpoint}${signed.path}`, {
    method: signed.method,
    headers,
    body: body ? new Blob([new Uint8Array(body)]) : undefined,
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Frames `chunks` as an `aws-chunked` body signed with STREAMING-AWS4-HMAC-SHA256-PAYLOAD: each chunk's
 * signature is the SDK signer's event signature over (no headers, the chunk), chained from the seed.
 */
export async function signedChunks(
  signer: SignatureV4,
  seedSignature: string,
  signingDate: Date,
  chunks: readonly Uint8Array[],
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let prior = seedSignature;
  for (const chunk of [...chunks, new Uint8Array(0)]) {
    prior = await signer.sign(
      { headers: new Uint8Array(0), payload: chunk },
      { priorSignature: prior, signingDate },
    );
    parts.push(
      Buffer.from(`${chunk.length.toString(16)};chunk-signature=${prior}\r\n`),
      Buffer.from(chunk),
      Buffer.from('\r\n'),
    );
  }
  return Buffer.concat(parts);
}

/** The encoded length of an aws-chunked body of these chunk sizes (it is signed before the body exists). */
export const chunkedLength = (sizes: readonly number[]): number =>
  [...sizes, 0].reduce(
    (sum, n) => sum + n.toString(16).length + ';chunk-signature='.length + 64 + 2 + n + 2,
    0,
  );
