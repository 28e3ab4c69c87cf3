import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from './ApiError';
import { keptBody } from './keptBody';

/** Sends `body` as JSON followed by a newline, as Go's json.Encoder does. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
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
  sendJson(res, error.status, error.body ?? { message: error.message });
}

/** Reads the whole body (for JSON endpoints; uploads stream instead). */
export async function readBody(req: IncomingMessage, limit = 32 * 1024 * 1024): Promise<Buffer> {
  const kept = keptBody(req);
  if (kept) return kept;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new ApiError(413, 'request body too large');
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
