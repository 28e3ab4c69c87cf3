import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { s3Error } from '../s3Errors';
import { canonicalRequest } from './canonicalRequest';
import type { SigV4Claim } from './parseSigV4';
import { hmac, scopeString, sha256Hex, signingKey } from './signingKey';

/** lakeFS's (and S3's) allowed clock skew. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/** The parts of a verified signature that chunked payloads keep signing with. */
export interface VerifiedSignature {
  readonly key: Buffer;
  readonly scope: string;
  readonly amzDate: string;
  /** The request's signature: the seed of the chunk signature chain. */
  readonly signature: string;
}

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `yyyyMMddTHHmmssZ` → epoch milliseconds. */
export const amzDateMillis = (amzDate: string): number =>
  Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  );

/**
 * Checks a claim the way lakeFS does: the signature first (`SignatureDoesNotMatch`), then the credential
 * date against the request date, the clock skew (`RequestTimeTooSkewed`, or `AccessDenied` for a request
 * from the future) and a presigned URL's expiry (`AccessDenied`).
 * @param req - the request
 * @param claim - what it claims
 * @param secretAccessKey - the secret of the claimed key
 * @param now - the current time in epoch milliseconds @default Date.now()
 * @returns what chunked payloads need to go on verifying
 */
export function verifySigV4(
  req: IncomingMessage,
  claim: SigV4Claim,
  secretAccessKey: string,
  now = Date.now(),
): VerifiedSignature {
  const scope = scopeString(claim.scope);
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    claim.amzDate,
    scope,
    sha256Hex(canonicalRequest(req, claim)),
  ].join('\n');
  const key = signingKey(secretAccessKey, claim.scope);
  const expected = hmac(key, stringToSign).toString('hex');
  if (!sameHex(expected, claim.signature.toLowerCase())) throw s3Error('SignatureDoesNotMatch');
  if (claim.amzDate.slice(0, 8) !== claim.scope.date)
    throw s3Error(
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.',
    );
  const signedAt = amzDateMillis(claim.amzDate);
  if (now - signedAt < -MAX_SKEW_MS) throw s3Error('AccessDenied', 'Request is not valid yet');
  if (now - signedAt > MAX_SKEW_MS) throw s3Error('RequestTimeTooSkewed');
  if (claim.expiresSeconds !== undefined && now > signedAt + claim.expiresSeconds * 1000)
    throw s3Error('AccessDenied', 'Request has expired');
  return { key, scope, amzDate: claim.amzDate, signature: expected };
}
