import { ApiError } from '../http/ApiError';
import { toBuffer } from '../blockstore/toBuffer';

/** What {@link multipartContent} found about the `content` part once its data has been read. */
export interface MultipartPart {
  /** The part's `Content-Type`, when it had one. */
  contentType?: string;
}

const HEADER_LIMIT = 64 * 1024;
const fail = (what: string): ApiError => new ApiError(500, `multipart: ${what}`);

/**
 * The boundary of a `multipart/form-data` content type; 500 when missing, as lakeFS answers.
 * @returns the boundary string
 */
export function multipartBoundary(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw fail('no multipart boundary param in Content-Type');
  return boundary;
}

/**
 * Streams the data of the first part named `content` of a multipart body without buffering it: only a
 * delimiter-sized tail is held back between chunks. Fails with 500 when there is no such part.
 * @param body - the request body
 * @param boundary - from {@link multipartBoundary}
 * @param part - receives the part's content type before its first byte is yielded
 * @returns the part's bytes
 */
export async function* multipartContent(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  part: MultipartPart,
): AsyncGenerator<Buffer, void, undefined> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const source = body[Symbol.asyncIterator]();
  // a leading CRLF lets the first boundary (which has none) match the same delimiter as the others
  let buf: Buffer = Buffer.from('\r\n');
  const more = async (): Promise<boolean> => {
    const next = await source.next();
    if (next.done) return false;
    const chunk = toBuffer(next.value);
    buf = buf.length > 0 ? Buffer.concat([buf, chunk]) : chunk;
    return true;
  };
  for (;;) {
    let at: number;
    while ((at = buf.indexOf(delimiter)) < 0) {
      buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
      if (!(await more())) throw fail('NextPart: EOF');
    }
    buf = buf.subarray(at + delimiter.length);
    while (buf.length < 2) if (!(await more())) throw fail('NextPart: EOF');
    if (buf[0] === 0x2d && buf[1] === 0x2d) throw fail('missing "content" part');
    let end: number;
    while ((end = buf.indexOf('\r\n\r\n')) < 0) {
      if (buf.length > HEADER_LIMIT || !(await more())) throw fail('malformed part headers');
    }
    const headers = buf.subarray(0, end).toString('utf8').split('\r\n');
    buf = buf.subarray(end + 4);
    const header = (name: string): string | undefined =>
      headers
        .find((h) => h.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    const name = /\bname="([^"]*)"/.exec(header('content-disposition') ?? '')?.[1];
    if (name !== 'content') continue;
    part.contentType = header('content-type');
    const keep = delimiter.length - 1;
    for (;;) {
      const stop = buf.indexOf(delimiter);
      if (stop >= 0) {
        if (stop > 0) yield buf.subarray(0, stop);
        while (!(await source.next()).done); // drain the rest so the connection stays usable
        return;
      }
      if (buf.length > keep) {
        yield buf.subarray(0, buf.length - keep);
        buf = buf.subarray(buf.length - keep);
      }
      if (!(await more())) throw fail('unexpected EOF');
    }
  }
}
