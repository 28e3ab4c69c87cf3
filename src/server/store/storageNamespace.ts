import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { badRequest } from '../http/ApiError';

const inaccessible = () => badRequest('failed to create repository: failed to access storage');

/**
 * The canonical form of a `local://` storage namespace: its path normalised (`./x`, `x/.`, `q/../x` and
 * `local:///x` are all `x`), so that "namespace already in use" cannot be bypassed by spelling. A path
 * that escapes the storage root (`../..`), names the root itself, or holds control characters is 400
 * `failed to access storage`, as lakeFS answers.
 * @param namespace - the namespace as given, `local://…`
 * @returns the normalised relative path, e.g. `bucket/repo`
 */
export function namespaceKey(namespace: string): string {
  const rest = namespace.slice('local://'.length);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(rest)) throw inaccessible();
  const path = posix.normalize(rest.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (path === '' || path === '.' || path === '..' || path.startsWith('../')) throw inaccessible();
  return path;
}

/** Where lakeFS marks a namespace as used, relative to the namespace. */
export const NAMESPACE_MARKER = '_lakefs/dummy';

/**
 * Whether the namespace carries lakeFS's `_lakefs/dummy` marker under the data directory (a repository
 * used it, perhaps before a restart).
 * @param dataDir - the data directory
 * @param key - from {@link namespaceKey}
 * @returns true when marked
 */
export const namespaceMarked = (dataDir: string, key: string): boolean =>
  existsSync(join(dataDir, key, NAMESPACE_MARKER));

/**
 * Writes the `_lakefs/dummy` marker of a namespace under the data directory.
 * @param dataDir - the data directory
 * @param key - from {@link namespaceKey}
 */
export function markNamespace(dataDir: string, key: string): void {
  const marker = join(dataDir, key, NAMESPACE_MARKER);
  mkdirSync(join(marker, '..'), { recursive: true });
  writeFileSync(marker, '');
}
