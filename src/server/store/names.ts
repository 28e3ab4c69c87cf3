import { badRequest } from '../http/ApiError';

const BRANCH_ID = /^\w[-\w]*$/;
// Tag ids follow git's ref-name rules: no "..", "/", "@{", "^ : ? * [ \" or control/space characters.
// eslint-disable-next-line no-control-regex
const TAG_FORBIDDEN = /\.\.|\/|@\{|[\^:?*[\\\u0000-\u0020]/;

/** The largest object path lakeFS accepts, in UTF-8 bytes. */
export const MAX_PATH_BYTES = 1024;

/**
 * Whether `id` is a valid branch id: ASCII word characters, dashes after the first one.
 * @returns true when valid
 */
export const isBranchId = (id: string): boolean => BRANCH_ID.test(id);

/**
 * A branch id from a path or body, or 400 as lakeFS answers.
 * @returns the id
 */
export function validBranchId(id: string | undefined): string {
  if (id === undefined || !isBranchId(id))
    throw badRequest(
      'argument branch: branch id: invalid value: validation error: branch id must consist of letters, digits, underscores and dashes, and cannot start with a dash',
    );
  return id;
}

/**
 * A tag id, or 400 `argument tagID: tag id: invalid value: validation error`.
 * @returns the id
 */
export function validTagId(id: string | undefined): string {
  if (
    id === undefined ||
    id === '' ||
    id === '@' ||
    id.endsWith('.') ||
    id.endsWith('.lock') ||
    TAG_FORBIDDEN.test(id)
  )
    throw badRequest('argument tagID: tag id: invalid value: validation error');
  return id;
}

/**
 * An object path: non-empty and at most 1024 bytes, else 400.
 * @returns the path
 */
export function validPath(path: string | undefined | null): string {
  if (!path) throw badRequest('missing path: path');
  if (Buffer.byteLength(path) > MAX_PATH_BYTES)
    throw badRequest(
      `path: invalid value: validation error: ${path} is above maximum length (${MAX_PATH_BYTES})`,
    );
  return path;
}

/**
 * A ref expression's syntax: non-empty, no whitespace; 400 `ref: invalid value: validation error`.
 * @returns the ref
 */
export function validRef(ref: string | undefined | null): string {
  if (!ref || /\s/.test(ref)) throw badRequest('ref: invalid value: validation error');
  return ref;
}
