import type { IncomingMessage, ServerResponse } from 'node:http';

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A refusal of a presigned request, answered the way S3 answers (XML with a code and a message). */
export class S3Error extends Error {
  /**
   * @param status - the HTTP status
   * @param code - S3's error code, e.g. `SignatureDoesNotMatch`
   * @param message - the human-readable reason
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends `error` as S3's XML error document (headers only for HEAD); a response already under way is cut off.
 * @param req - the request
 * @param res - its response
 * @param error - what to report
 */
export function sendS3Error(req: IncomingMessage, res: ServerResponse, error: S3Error): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const requestId = String(res.getHeader('x-request-id') ?? '');
  const body =
    req.method === 'HEAD'
      ? ''
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
        `<Message>${escapeXml(error.message)}</Message><RequestId>${escapeXml(requestId)}</RequestId></Error>`;
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
