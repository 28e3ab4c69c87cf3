/**
 * Byte helpers that run in browsers and Node alike (no `Buffer`).
 */

const encoder = new TextEncoder();

/**
 * True for a `Uint8Array`, including a Node `Buffer` created in another realm (a Jest sandbox, an iframe),
 * where `instanceof` answers false.
 * @param value - anything
 * @returns whether `value` is a byte array
 */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]')
  );
}

/**
 * Encodes `text` as UTF-8.
 * @param text - the string to encode
 * @returns its UTF-8 bytes
 */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decodes UTF-8 `bytes` (invalid sequences become U+FFFD).
 * @param bytes - the bytes to decode
 * @returns the decoded string
 */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/**
 * Joins `chunks` into one array, copying each once.
 * @param chunks - the parts, in order
 * @returns a new array holding all of them
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
