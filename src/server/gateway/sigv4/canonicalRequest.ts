import type { IncomingMessage } from 'node:http';
import type { SigV4Claim } from './parseSigV4';

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
const encodeRfc3986 = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decodeLoosely = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The path as signed: each segment decoded once and re-encoded (S3 does not double-encode). */
const canonicalUri = (rawPath: string): string =>
  rawPath
    .split('/')
    .map((segment) => encodeRfc3986(decodeLoosely(segment)))
    .join('/') || '/';

function canonicalQuery(rawQuery: string, presigned: boolean): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeLoosely((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeLoosely(part.slice(eq + 1).replace(/\+/g, ' '));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push([encodeRfc3986(key), encodeRfc3986(value)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** A header value as the client signed it: Node reads its bytes as Latin-1, the client signed UTF-8. */
export const signedHeaderText = (value: string): string =>
  // eslint-disable-next-line no-control-regex
  /[^\x00-\x7f]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;

function canonicalHeaders(req: IncomingMessage, names: readonly string[]): string {
  return names
    .map((name) => {
      const values = req.headersDistinct[name] ?? [];
      return `${name}:${values.map((v) => signedHeaderText(v).trim().replace(/\s+/g, ' ')).join(',')}\n`;
    })
    .join('');
}

/**
 * The SigV4 canonical request of `req` for the headers and payload hash its claim names.
 * @param req - the request (`req.url` is its raw target)
 * @param claim - what the signature claims
 * @returns the canonical request text
 */
export function canonicalRequest(req: IncomingMessage, claim: SigV4Claim): string {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  return [
    req.method ?? 'GET',
    canonicalUri(rawPath),
    canonicalQuery(rawQuery, claim.expiresSeconds !== undefined),
    canonicalHeaders(req, claim.signedHeaders),
    claim.signedHeaders.join(';'),
    claim.payloadHash,
  ].join('\n');
}
