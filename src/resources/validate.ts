import { ValidationError } from '../errors/clientErrors';

const REPOSITORY_ID = /^[a-z0-9][a-z0-9-]{2,62}$/;
const BRANCH_ID = /^\w[-\w]*$/;
// Characters git (and lakeFS) forbid in tag names: control/space, ^ : ? * [ \
// eslint-disable-next-line no-control-regex
const TAG_FORBIDDEN = /[\x00-\x20^:?*[\\]/;

/** Throws `ValidationError` unless `id` is a valid lakeFS repository id. */
export function validateRepositoryId(id: string): string {
  if (typeof id !== 'string' || !REPOSITORY_ID.test(id))
    throw new ValidationError(
      'repository id',
      `${JSON.stringify(id)} must be 3–63 lowercase letters, digits or dashes, not starting with a dash`,
    );
  return id;
}

/** Throws `ValidationError` unless `id` is a valid branch id. */
export function validateBranchId(id: string): string {
  if (typeof id !== 'string' || !BRANCH_ID.test(id))
    throw new ValidationError(
      'branch id',
      `${JSON.stringify(id)} must consist of letters, digits, underscores and dashes, and cannot start with a dash`,
    );
  return id;
}

/** Throws `ValidationError` unless `id` is a valid tag id (git-like rules). */
export function validateTagId(id: string): string {
  const bad =
    typeof id !== 'string' ||
    id === '' ||
    id === '@' ||
    id.endsWith('.') ||
    id.endsWith('.lock') ||
    id.includes('..') ||
    id.includes('/') ||
    id.includes('@{') ||
    TAG_FORBIDDEN.test(id);
  if (bad) throw new ValidationError('tag id', `${JSON.stringify(id)} is not a valid tag id`);
  return id;
}

/**
 * Throws `ValidationError` unless `ref` is non-empty, has no whitespace and is not `.` or `..` (which a URL
 * parser collapses, sending the request to another endpoint: `refs/../objects` is `objects`).
 */
export function validateRef(ref: string, field = 'ref'): string {
  if (typeof ref !== 'string' || !/^\S+$/.test(ref))
    throw new ValidationError(field, `${JSON.stringify(ref)} must be non-empty and contain no whitespace`);
  if (ref === '.' || ref === '..')
    throw new ValidationError(field, `${JSON.stringify(ref)} is a relative path segment, not a ref`);
  return ref;
}

/** Throws `ValidationError` unless `path` is 1..1024 bytes. */
export function validatePath(path: string): string {
  if (typeof path !== 'string' || path === '')
    throw new ValidationError('path', 'object path must not be empty');
  // every UTF-16 unit is at most 3 UTF-8 bytes: only long paths need the exact count
  if (path.length * 3 > 1024) {
    const bytes = new TextEncoder().encode(path).length;
    if (bytes > 1024)
      throw new ValidationError('path', `object path is ${bytes} bytes, above the maximum of 1024`);
  }
  return path;
}

/** Throws `ValidationError` unless every value of `metadata` is a string. */
export function validateMetadata(metadata: unknown, field = 'metadata'): Record<string, string> {
  if (metadata === undefined) return {};
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    throw new ValidationError(field, 'must be an object of string values');
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string')
      throw new ValidationError(field, `value of ${JSON.stringify(k)} is not a string`);
  }
  return metadata as Record<string, string>;
}
