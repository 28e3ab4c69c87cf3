import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AuthConfig } from '../auth/authenticate';
import { s3Error } from './s3Errors';
import { parseSigV2, verifySigV2 } from './sigv2/verifySigV2';
import { parseSigV4 } from './sigv4/parseSigV4';
import { verifiedBody } from './sigv4/verifiedBody';
import { verifySigV4 } from './sigv4/verifySigV4';

/** An authenticated gateway request: who made it and its verified payload. */
export interface GatewayCaller {
  readonly user: string;
  /** The payload, decoded and verified while it streams. */
  readonly body: AsyncIterable<Uint8Array>;
  /** The payload's length when the request announced it. */
  readonly length?: number;
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Authenticates an S3 request as lakeFS's gateway does: SigV4 by header or presigned query, or SigV2 by header (older clients, minio's V2 mode); an unknown
 * access key is `AccessDenied` (lakeFS does not reveal which keys exist), then the signature, the clock
 * and the expiry are checked (see `verifySigV4`). Credentials never appear in the errors.
 * @param req - the request
 * @param query - its query parameters
 * @param auth - the server's key pair
 * @returns the caller and the verified body
 */
export function authenticateGateway(
  req: IncomingMessage,
  query: URLSearchParams,
  auth: AuthConfig,
): GatewayCaller {
  const v2 = parseSigV2(req.headers.authorization);
  if (v2) {
    if (!sameText(v2.accessKeyId, auth.accessKeyId)) throw s3Error('AccessDenied');
    verifySigV2(req, v2, auth.secretAccessKey);
    const length = req.headers['content-length'];
    return {
      user: auth.userId,
      body: req,
      length: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
    };
  }
  const claim = parseSigV4(req, query);
  if (!sameText(claim.accessKeyId, auth.accessKeyId)) throw s3Error('AccessDenied');
  const signature = verifySigV4(req, claim, auth.secretAccessKey);
  return { user: auth.userId, ...verifiedBody(req, claim, signature) };
}
