import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { TestTarget } from '../../support/testLakeFS';

/**
 * The sub-resources SigV2 signs (sorted), not the rest of the query. lakeFS 1.84 leaves the mixed-case
 * ones (`uploadId`, `partNumber`) out of its string to sign, so tests send those requests with SigV4.
 */
const SIGNED_QUERY = ['partNumber', 'uploadId', 'uploads'];

/**
 * The SigV2 (HMAC-SHA1) signature of a request, written from S3's SigV2 description: method, Content-MD5,
 * Content-Type, Date, the `x-amz-*` headers lower-cased and sorted, then the path with its sub-resources.
 * Header values are signed as the UTF-8 bytes they are sent as.
 */
function signatureV2(
  secret: string,
  method: string,
  pathAndQuery: string,
  headers: Readonly<Record<string, string>>,
): string {
  const [path, query = ''] = pathAndQuery.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  const sub = SIGNED_QUERY.filter((name) => params.has(name)).map((name) =>
    params.get(name) ? `${name}=${params.get(name)}` : name,
  );
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const amz = Object.keys(lower)
    .filter((k) => k.startsWith('x-amz-'))
    .sort()
    .map((k) => `${k}:${lower[k]}\n`)
    .join('');
  const text = [method, lower['content-md5'] ?? '', lower['content-type'] ?? '', lower.date ?? ''].join('\n');
  const resource = sub.length ? `${path}?${sub.join('&')}` : path;
  return createHmac('sha1', secret).update(`${text}\n${amz}${resource}`, 'utf8').digest('base64');
}

/** An answer: status, headers (values as the bytes' Latin-1 reading, as Node gives them) and body text. */
export interface V2Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * Sends one SigV2-signed request to the target's gateway over node:http (which, unlike fetch, sends a
 * header's UTF-8 bytes as they are, as Go clients do).
 * @param target - the server
 * @param method - the HTTP method
 * @param pathAndQuery - `/<repo>/<ref>/<path>[?query]`
 * @param options - headers (UTF-8 text), body, and a secret other than the target's
 * @returns the answer
 */
export function sendV2(
  target: TestTarget,
  method: string,
  pathAndQuery: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; secret?: string } = {},
): Promise<V2Answer> {
  const headers = { date: new Date().toUTCString(), ...options.headers };
  const signature = signatureV2(
    options.secret ?? target.credentials.secretAccessKey,
    method,
    pathAndQuery,
    headers,
  );
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const wire: Record<string, string> = {
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v).toString('latin1')])),
    authorization: `AWS ${target.credentials.accessKeyId}:${signature}`,
    'content-length': String(body?.length ?? 0),
  };
  const url = new URL(pathAndQuery, target.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: wire }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
