import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The places the lakeFS OpenAPI spec is looked for, in order: `LAKEFS_OPENAPI_SPEC` (or
 * `LAKEFS_SWAGGER`), the shared reference next to the repository (`../shared/reference/`, or
 * `../../shared/reference/` from a worktree one level deeper), then `/work/shared/reference/`. The spec
 * is lakeFS's text, so it is read from there and never committed here.
 */
export function specCandidates(root: string): string[] {
  return [
    process.env.LAKEFS_OPENAPI_SPEC,
    process.env.LAKEFS_SWAGGER,
    resolve(root, '../shared/reference/lakefs-swagger.yml'),
    resolve(root, '../../shared/reference/lakefs-swagger.yml'),
    '/work/shared/reference/lakefs-swagger.yml',
  ].filter((c): c is string => !!c);
}

/** The first of {@link specCandidates} that exists, if any. */
export function findSpec(root: string): string | undefined {
  return specCandidates(root).find((c) => existsSync(c));
}
