import { Agent as HttpsAgent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { fetch as crossFetch } from 'cross-fetch';
import type { FetchLike } from '../http/types';
import { webBodyResponse } from '../http/webBodyResponse';

/**
 * TLS options for talking to a lakeFS behind a private CA or a self-signed certificate.
 * @group Client
 */
export interface TlsOptions {
  /** Extra CA certificates (PEM). */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /**
   * Verify the server's certificate. Turning it off exposes credentials to anyone on the path; a warning
   * is printed once per process. @default true
   */
  readonly rejectUnauthorized?: boolean;
  /** Keep connections alive between requests. @default true */
  readonly keepAlive?: boolean;
}

let warned = false;

/**
 * Prints the insecure-TLS warning once per process (exported for tests).
 * @group Client
 */
export function warnInsecureTlsOnce(write: (line: string) => void = (l) => process.emitWarning(l)): boolean {
  if (warned) return false;
  warned = true;
  write('lakefs-rx: TLS certificate verification is disabled (rejectUnauthorized: false)');
  return true;
}

/**
 * A fetch for Node that applies {@link TlsOptions}; pass it as the client's `fetch` option.
 * @example
 * new LakeFS({ endpoint, fetch: tlsFetch({ ca: readFileSync('ca.pem') }) })
 * @group Client
 */
export function tlsFetch(options: TlsOptions = {}): FetchLike {
  if (options.rejectUnauthorized === false) warnInsecureTlsOnce();
  const https = new HttpsAgent({
    keepAlive: options.keepAlive ?? true,
    ...(options.ca !== undefined ? { ca: options.ca as string | Buffer | (string | Buffer)[] } : {}),
    rejectUnauthorized: options.rejectUnauthorized ?? true,
  });
  const http = new HttpAgent({ keepAlive: options.keepAlive ?? true });
  return (input, init) => {
    // node-fetch takes Node streams, not WHATWG ones
    const body =
      init?.body instanceof ReadableStream
        ? Readable.fromWeb(init.body as unknown as NodeWebStream)
        : init?.body;
    return crossFetch(input, {
      ...init,
      body,
      agent: (url: URL) => (url.protocol === 'https:' ? https : http),
    } as RequestInit).then(webBodyResponse);
  };
}
