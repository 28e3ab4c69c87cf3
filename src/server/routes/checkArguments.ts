import { badRequest } from '../http/ApiError';
import { isBranchId } from '../store/names';

/** What an argument must be: a repository id, a branch id or a ref expression. */
export type ArgumentKind = 'repository' | 'branch' | 'ref';

const REPOSITORY_ID = /^[a-z0-9][a-z0-9-]{2,62}$/;

const VALID: Readonly<Record<ArgumentKind, (v: string) => boolean>> = {
  repository: (v) => REPOSITORY_ID.test(v),
  branch: isBranchId,
  ref: (v) => v !== '' && !/\s/.test(v),
};

const NOUN: Readonly<Record<ArgumentKind, string>> = {
  repository: 'repository id',
  branch: 'branch id',
  ref: 'ref',
};

/**
 * Checks a handler's arguments in order, as lakeFS's catalog does before it looks anything up (so a bad
 * name is 400 even in a repository that does not exist). lakeFS names each argument after the catalog
 * call's parameter, which differs between operations (`branch`, `name`, `source`, `destination`, `left`,
 * `right`, `ref`), so the caller gives the names: `argument <name>: <noun>: invalid value: validation error`.
 * @param args - `[argument name, kind, value]`, in the order lakeFS checks them
 */
export function checkArguments(
  ...args: readonly (readonly [string, ArgumentKind, string | undefined])[]
): void {
  for (const [name, kind, value] of args)
    if (value === undefined || !VALID[kind](value))
      throw badRequest(`argument ${name}: ${NOUN[kind]}: invalid value: validation error`);
}
