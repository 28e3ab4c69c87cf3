import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { s3Error } from '../s3Errors';
import { signedHeaderText } from '../sigv4/canonicalRequest';

/** lakeFS's (and S3's) allowed clock skew. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/** `AWS <key>:<base64 signature>`, the SigV2 (HMAC-SHA1) `Authorization` header. */
const HEADER = /^AWS ([^:\s]{3,128}):([A-Za-z0-9+/=]+)$/;

/**
 * The query parameters that are sub-resources and so part of the signed resource (the list S3's SigV2
 * documents, plus the ones lakeFS adds); everything else in the query is unsigned.
 */
const SUB_RESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'copy-source',
  'cors',
  'defaultObjectAcl',
  'delete',
  'inventory',
  'lifecycle',
  'location',
  'logging',
  'metrics',
  'notification',
  'partNumber',
  'policy',
  'replication',
  'requestPayment',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'select',
  'select-type',
  'storageClass',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
].sort();

/** A SigV2 claim: who signs, and the signature bytes. */
export interface SigV2Claim {
  readonly accessKeyId: string;
  readonly signature: Buffer;
}

/**
 * Reads a SigV2 `Authorization` header, or undefined when the header is not SigV2 (`AWS ` prefix).
 * @param header - the `Authorization` header
 * @returns the claim
 */
export function parseSigV2(header: string | undefined): SigV2Claim | undefined {
  if (!header?.startsWith('AWS ')) return undefined;
  const match = HEADER.exec(header.trim());
  if (!match) throw s3Error('AuthorizationHeaderMalformed');
  return { accessKeyId: match[1] as string, signature: Buffer.from(match[2] as string, 'base64') };
}

const joined = (value: string | string[] | undefined): string =>
  value === undefined
    ? ''
    : (Array.isArray(value) ? value : [value]).map((v) => signedHeaderText(v).trim()).join(',');

function requestTime(req: IncomingMessage): number {
  const value = joined(req.headers['x-amz-date']) || joined(req.headers.date);
  if (!value) throw s3Error('MissingFields');
  const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const millis = compact
    ? Date.UTC(+compact[1]!, +compact[2]! - 1, +compact[3]!, +compact[4]!, +compact[5]!, +compact[6]!)
    : Date.parse(value);
  if (Number.isNaN(millis))
    throw s3Error(
      'InvalidRequest',
      'Invalid date format header, expected to be in ISO8601, RFC1123 or RFC1123Z time format.',
    );
  return millis;
}

/** The resource part of the string to sign: the path as sent, then the signed sub-resources, sorted. */
function canonicalResource(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  if (q < 0) return path;
  const query = new URLSearchParams(raw.slice(q + 1));
  const lower = new Map<string, string[]>();
  for (const [name, value] of query)
    lower.set(name.toLowerCase(), [...(lower.get(name.toLowerCase()) ?? []), value]);
  const found: string[] = [];
  for (const name of SUB_RESOURCES) {
    const values = lower.get(name.toLowerCase());
    if (!values) continue;
    const value = values.join(',');
    found.push(values.join('') ? `${name}=${value}` : name);
  }
  return found.length ? `${path}?${found.join('&')}` : path;
}

/**
 * The SigV2 string to sign: the method, Content-MD5, Content-Type and Date (empty lines when absent), the
 * `x-amz-*` headers lower-cased and sorted, then the resource.
 * @param req - the request
 * @returns the string the client signed
 */
export function stringToSignV2(req: IncomingMessage): string {
  const standard = ['content-md5', 'content-type', 'date'].map((name) => joined(req.headers[name]));
  const amz = Object.keys(req.headers)
    .filter((name) => name.toLowerCase().startsWith('x-amz-'))
    .sort()
    .map((name) => `${name.toLowerCase()}:${joined(req.headers[name])}\n`)
    .join('');
  return `${(req.method ?? 'GET').toUpperCase()}\n${standard.map((v) => `${v}\n`).join('')}${amz}${canonicalResource(req)}`;
}

/**
 * Verifies a SigV2 request as lakeFS's gateway does: the clock first (`RequestTimeTooSkewed`, or `AccessDenied` for a request from the future), then the
 * HMAC-SHA1 signature (`SignatureDoesNotMatch`). The payload is not signed under SigV2.
 * @param req - the request
 * @param claim - its SigV2 claim
 * @param secretAccessKey - the secret of the claimed key
 * @param now - the current time in milliseconds
 */
export function verifySigV2(
  req: IncomingMessage,
  claim: SigV2Claim,
  secretAccessKey: string,
  now: number = Date.now(),
): void {
  const skew = now - requestTime(req);
  if (skew < -MAX_SKEW_MS) throw s3Error('AccessDenied', 'Request is not valid yet');
  if (skew > MAX_SKEW_MS) throw s3Error('RequestTimeTooSkewed');
  const expected = createHmac('sha1', secretAccessKey).update(stringToSignV2(req)).digest();
  if (expected.length !== claim.signature.length || !timingSafeEqual(expected, claim.signature))
    throw s3Error('SignatureDoesNotMatch');
}
