import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError } from '../http/ApiError';
import type { ByteRange } from './Blockstore';

/**
 * The absolute file path of a `local:///abs/path` address, or undefined for any other address.
 * @param address - a physical address
 * @returns the normalized absolute path (symlinks not resolved: see {@link realLocalPath})
 */
export function localAddressPath(address: string): string | undefined {
  if (!address.startsWith('local:///')) return undefined;
  const path = address.slice('local://'.length);
  return isAbsolute(path) && !path.includes('\u0000') ? normalize(path) : undefined;
}

/**
 * Whether `path` lies inside one of `roots` (absolute directories), comparing the strings as given —
 * callers pass real paths (see {@link realLocalPath}).
 * @returns true when allowed
 */
export const insideRoots = (path: string, roots: readonly string[]): boolean =>
  roots.some((root) => {
    const r = normalize(root).replace(/[/\\]+$/, '');
    return path === r || path.startsWith(r + sep);
  });

/** The real path of `path`; for a path that does not exist (yet), its nearest existing ancestor's + the rest. */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const parent = dirname(path);
    return parent === path ? path : join(await realPathOf(parent), basename(path));
  }
}

/**
 * The symlink-free path of a `local:///…` address when it lies inside one of `roots` (themselves resolved),
 * else undefined. Containment is decided on real paths, so a symlink inside a root that points out of it
 * (`<root>/etc-link → /etc`) is outside.
 * @param address - a physical address
 * @param roots - absolute directories that may be read
 * @returns the real path, or undefined when not a local address or not contained
 */
export async function realLocalPath(address: string, roots: readonly string[]): Promise<string | undefined> {
  const path = localAddressPath(address);
  if (path === undefined) return undefined;
  const [real, realRoots] = await Promise.all([
    realPathOf(path).catch(() => undefined),
    Promise.all(roots.map((root) => realPathOf(normalize(root)).catch(() => root))),
  ]);
  return real !== undefined && insideRoots(real, realRoots) ? real : undefined;
}

/**
 * Opens a file addressed as `local:///abs/path` — what imports and the directory blockstore store. Like
 * lakeFS's `allowed_external_prefixes`, only files whose real path is under `roots` are readable (403
 * `forbidden` otherwise); a missing file is 410 `No data`.
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
  if (localAddressPath(address) === undefined) throw new ApiError(410, 'No data');
  const path = await realLocalPath(address, roots);
  if (path === undefined) throw new ApiError(403, 'forbidden');
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ApiError(410, 'No data');
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(410, 'No data');
  }
  // the resolved path is opened, not the address: a link swapped in after the check is not followed
  return createReadStream(path, range ? { start: range.start, end: range.end } : {});
}
