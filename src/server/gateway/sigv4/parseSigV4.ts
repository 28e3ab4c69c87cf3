import type { IncomingMessage } from 'node:http';
import { s3Error } from '../s3Errors';
import type { CredentialScope } from './signingKey';

/** What a request claims in its SigV4 signature, before anything is verified. */
export interface SigV4Claim {
  readonly accessKeyId: string;
  readonly scope: CredentialScope;
  /** Lower-case names, in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `yyyyMMddTHHmmssZ`: X-Amz-Date (query or header), else the Date header. */
  readonly amzDate: string;
  /** Present for presigned URLs: their lifetime in seconds. */
  readonly expiresSeconds?: number;
  /** The `x-amz-content-sha256` value that was signed (`UNSIGNED-PAYLOAD` for presigned URLs). */
  readonly payloadHash: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_EXPIRES = 7 * 24 * 3600;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

function parseCredential(credential: string): { accessKeyId: string; scope: CredentialScope } {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !parts[0])
    throw s3Error(
      'AuthorizationQueryParametersError',
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!/^\d{8}$/.test(date))
    throw s3Error(
      'AuthorizationQueryParametersError',
      'Error parsing the X-Amz-Credential parameter; incorrect date format. This date in the credential must be in the format "yyyyMMdd".',
    );
  return { accessKeyId, scope: { date, region, service } };
}

function requestDate(req: IncomingMessage, query: URLSearchParams): string {
  const value = query.get('X-Amz-Date') ?? req.headers['x-amz-date'] ?? req.headers.date;
  const amzDate = Array.isArray(value) ? value[0] : value;
  if (!amzDate)
    throw s3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  if (!AMZ_DATE.test(amzDate))
    throw s3Error(
      'InvalidRequest',
      'Invalid date format header, expected to be in ISO8601, RFC1123 or RFC1123Z time format.',
    );
  return amzDate;
}

function fromQuery(req: IncomingMessage, query: URLSearchParams): SigV4Claim {
  if (query.get('X-Amz-Algorithm') !== ALGORITHM)
    throw s3Error('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".');
  const credential = query.get('X-Amz-Credential');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  const expires = query.get('X-Amz-Expires');
  if (!credential || !signedHeaders || !signature || expires === null) throw s3Error('MissingFields');
  if (!/^\d+$/.test(expires))
    throw s3Error('AuthorizationQueryParametersError', 'X-Amz-Expires should be a non-negative number');
  const expiresSeconds = Number(expires);
  if (expiresSeconds > MAX_EXPIRES)
    throw s3Error(
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  const header = req.headers['x-amz-content-sha256'];
  return {
    ...parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate: requestDate(req, query),
    expiresSeconds,
    payloadHash:
      query.get('X-Amz-Content-Sha256') ?? (typeof header === 'string' ? header : 'UNSIGNED-PAYLOAD'),
  };
}

function fromHeader(req: IncomingMessage, header: string, query: URLSearchParams): SigV4Claim {
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential) throw s3Error('InvalidRequest', 'Missing Credential field for this request.');
  if (!signedHeaders || !signature) throw s3Error('AuthorizationHeaderMalformed');
  const payload = req.headers['x-amz-content-sha256'];
  return {
    ...parseCredential(credential),
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate: requestDate(req, query),
    payloadHash: typeof payload === 'string' && payload ? payload : 'UNSIGNED-PAYLOAD',
  };
}

/**
 * Reads the SigV4 claim of a request: the `Authorization` header, or the `X-Amz-*` query parameters of a
 * presigned URL. A request with neither is `MissingFields` (as lakeFS answers anonymous requests); a
 * malformed one gets the S3 code lakeFS gives.
 * @param req - the request
 * @param query - its query parameters
 * @returns what the request claims
 */
export function parseSigV4(req: IncomingMessage, query: URLSearchParams): SigV4Claim {
  const header = req.headers.authorization;
  if (header?.startsWith(`${ALGORITHM} `)) return fromHeader(req, header, query);
  if (query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential')) return fromQuery(req, query);
  if (header) throw s3Error('AccessDenied', 'only AWS Signature Version 4 is supported');
  throw s3Error('MissingFields');
}
