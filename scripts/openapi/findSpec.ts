import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where the lakeFS OpenAPI spec is: `LAKEFS_OPENAPI_SPEC`, else the shared reference next to the
 * repository (`../shared/reference/lakefs-swagger.yml`), else `/work/shared/reference/`. The spec is
 * lakeFS's text, so it is read from there and never committed here.
 */
export function findSpec(root: string): string | undefined {
  const candidates = [
    process.env.LAKEFS_OPENAPI_SPEC,
    resolve(root, '../shared/reference/lakefs-swagger.yml'),
    '/work/shared/reference/lakefs-swagger.yml',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
