import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from './ApiError';
import { keptBody } from './keptBody';

/** Sends `body` as JSON followed by a newline, as Go's json.Encoder does. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** Sends an empty answer (204 and friends). */
export function sendEmpty(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

/** Sends `{"message": …}` (or the error's own body) with its status; HEAD answers carry no body. */
export function sendError(req: IncomingMessage, res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (req.method === 'HEAD') {
    res.writeHead(error.status);
    res.end();
    return;
  }
  if (typeof error.body === 'string') {
    res.writeHead(error.status, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(error.body),
      'x-content-type-options': 'nosniff',
    });
    res.end(error.body);
    return;
  }
  sendJson(res, error.status, error.body ?? { message: error.message });
}

/**
 * The largest JSON request body accepted: well above the largest legitimate one (a batch delete of 1000
 * paths of 1024 bytes each, or an import of a few thousand locations), far below what would let a caller
 * make the server buffer much.
 */
export const JSON_BODY_LIMIT = 8 * 1024 * 1024;

/** How much body a request may send, and what answers it beyond that. */
interface BodyLimit {
  readonly bytes: number;
  readonly error: () => ApiError;
}

const limits = new WeakMap<IncomingMessage, BodyLimit>();
const tooLarge = (): ApiError => new ApiError(413, 'request body too large');

/**
 * Lowers the body limit of one request — the server does this for a request that did not authenticate, so
 * it never buffers much for a stranger: past `bytes` the request is answered with `error()` unread.
 * @param req - the request
 * @param bytes - the limit
 * @param error - the answer beyond it
 */
export function limitBody(req: IncomingMessage, bytes: number, error: () => ApiError): void {
  limits.set(req, { bytes, error });
}

/**
 * Reads the whole body (for JSON endpoints; uploads stream instead) up to the request's limit. A
 * `Content-Length` above it is refused before a byte is read.
 * @param req - the request
 * @param limit - the limit for this read @default JSON_BODY_LIMIT, or the lower one set by {@link limitBody}
 * @returns the body
 */
export async function readBody(req: IncomingMessage, limit = JSON_BODY_LIMIT): Promise<Buffer> {
  // a check that ran before the handler (Router.before) may have read it already
  const kept = keptBody(req);
  if (kept) return kept;
  const own = limits.get(req);
  const max = own && own.bytes < limit ? own : { bytes: limit, error: tooLarge };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max.bytes) throw max.error();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max.bytes) throw max.error();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a JSON body; a missing body is `undefined`, malformed JSON is 400. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw badRequest('request body has an error: failed to decode request body');
  }
}
