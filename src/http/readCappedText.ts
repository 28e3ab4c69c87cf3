import { ResponseTooLargeError } from '../errors/clientErrors';

/**
 * Reads a body as text, refusing one above `limitBytes`: a declared `Content-Length` over the cap fails
 * before anything is read, and a body of unknown length is counted as it streams in and abandoned once
 * past the cap, so an oversized answer is never held in memory whole.
 * @param response - the answer
 * @param limitBytes - the cap; 0 or less reads without one
 * @param what - `METHOD path`, for the error
 * @returns the text
 */
export async function readCappedText(response: Response, limitBytes: number, what: string): Promise<string> {
  if (limitBytes <= 0) return response.text();
  const declared = response.headers.get('content-length');
  if (declared !== null) {
    if (Number(declared) > limitBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(what, limitBytes);
    }
    return response.text();
  }
  const body = response.body as ReadableStream<Uint8Array> | null;
  if (!body || typeof body.getReader !== 'function') return response.text();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(what, limitBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}
