/**
 * Views a chunk as a Buffer without copying.
 * @param chunk - bytes from a stream
 * @returns a Buffer over the same memory
 */
export const toBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
