import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Files up to this size are read in one go; larger ones are streamed so memory stays bounded. */
const READ_WHOLE_BYTES = 1024 * 1024;

/**
 * The hex MD5 of a file, the checksum lakeFS records for imported local files.
 * @param path - absolute file path
 * @param size - the file's size, to pick reading whole or streaming
 * @returns 32 hex characters
 */
export async function fileChecksum(path: string, size: number): Promise<string> {
  const hash = createHash('md5');
  if (size <= READ_WHOLE_BYTES) {
    hash.update(await readFile(path));
  } else {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
