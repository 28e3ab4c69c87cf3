import { signFields, verifyFields } from '../blockstore/signing';
import type { ServerSettings } from '../ServerDeps';
import { S3Error } from './S3Error';

/** Path prefix of the URLs the server signs; they live outside `/api/v1` and carry no API credentials. */
export const PRESIGNED_PATH = '/_presigned/';

/** Lifetime of a presigned URL when the settings give none: lakeFS's default of 15 minutes. */
export const DEFAULT_PRESIGN_EXPIRY_SECONDS = 900;

/** What a presigned URL allows: reading an object's data, or writing a fresh staging address. */
export type PresignGrant =
  | {
      readonly method: 'GET';
      readonly address: string;
      readonly sizeBytes: number;
      readonly checksum: string;
      readonly contentType: string;
      /** Unix seconds. */
      readonly mtime: number;
    }
  | { readonly method: 'PUT'; readonly address: string };

/** A signed URL and the Unix second it stops working. */
export interface PresignedUrl {
  readonly url: string;
  readonly expiresAt: number;
}

// The grant travels in the URL itself (as an object store would know the object), so serving it needs
// no server-side record: the signature vouches for every field.
const encodeGrant = (grant: PresignGrant): string =>
  Buffer.from(
    JSON.stringify(
      grant.method === 'PUT'
        ? { m: 'PUT', a: grant.address }
        : {
            m: 'GET',
            a: grant.address,
            s: grant.sizeBytes,
            c: grant.checksum,
            t: grant.contentType,
            u: grant.mtime,
          },
    ),
  ).toString('base64url');

function decodeGrant(token: string): PresignGrant | undefined {
  try {
    const raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof raw.a !== 'string') return undefined;
    if (raw.m === 'PUT') return { method: 'PUT', address: raw.a };
    if (
      raw.m !== 'GET' ||
      typeof raw.s !== 'number' ||
      typeof raw.c !== 'string' ||
      typeof raw.t !== 'string' ||
      typeof raw.u !== 'number'
    )
      return undefined;
    return {
      method: 'GET',
      address: raw.a,
      sizeBytes: raw.s,
      checksum: raw.c,
      contentType: raw.t,
      mtime: raw.u,
    };
  } catch {
    return undefined;
  }
}

const signed = (method: string, token: string, expires: string): string[] => [
  'presigned',
  method,
  token,
  expires,
];

/**
 * Signs `grant` into a URL on this server: `<origin>/_presigned/<grant>?X-Expires=<unix s>&X-Signature=<hmac>`,
 * the HMAC binding method, grant (address included) and expiry.
 * @param settings - signing secret and lifetime
 * @param origin - the server's own base URL (never the request's `Host` header, which a caller controls)
 * @param grant - what the URL allows
 * @param now - the current time in ms @default Date.now()
 * @returns the URL and its expiry
 */
export function presignUrl(
  settings: Pick<ServerSettings, 'signingSecret' | 'presignExpirySeconds'>,
  origin: string,
  grant: PresignGrant,
  now = Date.now(),
): PresignedUrl {
  const expiresAt =
    Math.floor(now / 1000) + (settings.presignExpirySeconds ?? DEFAULT_PRESIGN_EXPIRY_SECONDS);
  const token = encodeGrant(grant);
  const signature = signFields(settings.signingSecret, signed(grant.method, token, String(expiresAt)));
  return {
    url: `${origin}${PRESIGNED_PATH}${token}?X-Expires=${expiresAt}&X-Signature=${signature}`,
    expiresAt,
  };
}

/**
 * Checks a presigned request the way S3 does: a signature that does not match the method, grant and
 * expiry is 403 `SignatureDoesNotMatch`; a valid but expired one is 403 `AccessDenied`. `HEAD` may use a
 * URL signed for `GET`.
 * @param secret - the signing secret
 * @param url - the request URL
 * @param method - the request method
 * @param now - the current time in ms @default Date.now()
 * @returns the grant the URL carries
 * @throws S3Error when the URL is malformed, tampered with, used with another method, or expired
 */
export function verifyPresignedUrl(secret: string, url: URL, method: string, now = Date.now()): PresignGrant {
  const token = url.pathname.slice(PRESIGNED_PATH.length);
  const expires = url.searchParams.get('X-Expires');
  const signature = url.searchParams.get('X-Signature');
  if (!token || !expires || !signature)
    throw new S3Error(
      403,
      'AccessDenied',
      'Query-string authentication requires the X-Signature and X-Expires parameters',
    );
  const signedMethod = method === 'HEAD' ? 'GET' : method;
  const grant = decodeGrant(token);
  if (
    !grant ||
    grant.method !== signedMethod ||
    !/^\d+$/.test(expires) ||
    !verifyFields(secret, signed(signedMethod, token, expires), signature)
  )
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided',
    );
  if (now >= Number(expires) * 1000) throw new S3Error(403, 'AccessDenied', 'Request has expired');
  return grant;
}
