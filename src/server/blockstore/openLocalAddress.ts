import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError } from '../http/ApiError';
import type { ByteRange } from './Blockstore';

/**
 * The absolute file path of a `local:///abs/path` address, or undefined for any other address.
 * @param address - a physical address
 * @returns the normalized absolute path
 */
export function localAddressPath(address: string): string | undefined {
  if (!address.startsWith('local:///')) return undefined;
  const path = address.slice('local://'.length);
  return isAbsolute(path) ? normalize(path) : undefined;
}

/**
 * Whether `path` lies inside one of `roots` (absolute directories).
 * @returns true when allowed
 */
export const insideRoots = (path: string, roots: readonly string[]): boolean =>
  roots.some((root) => {
    const r = normalize(root).replace(/[/\\]+$/, '');
    return path === r || path.startsWith(r + sep);
  });

/**
 * Opens a file addressed as `local:///abs/path` — what imports and the directory blockstore store. Like
 * lakeFS's `allowed_external_prefixes`, only files under `roots` are readable (403 `forbidden` otherwise);
 * a missing file is 410 `No data`.
 * @param address - the `local:///…` address
 * @param roots - absolute directories that may be read
 * @param range - inclusive byte range @default whole file
 * @returns a file stream (backpressure-aware)
 */
export async function openLocalAddress(
  address: string,
  roots: readonly string[],
  range?: ByteRange,
): Promise<Readable> {
  const path = localAddressPath(address);
  if (path === undefined) throw new ApiError(410, 'No data');
  if (!insideRoots(path, roots)) throw new ApiError(403, 'forbidden');
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ApiError(410, 'No data');
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(410, 'No data');
  }
  return createReadStream(path, range ? { start: range.start, end: range.end } : {});
}
