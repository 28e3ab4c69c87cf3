import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { findSpec, specCandidates } from '../../../../scripts/openapi/findSpec';
import { LAKEFS_OPERATIONS } from '../../../../src/server/http/lakefsOperations';

// The committed operation list must be exactly what lakeFS's OpenAPI spec declares. The spec lives in
// the shared reference folder beside the repository (never inside it: it is lakeFS's text).
const ROOT = resolve(__dirname, '../../../..');
const CANDIDATES = specCandidates(ROOT);
const SPEC = findSpec(ROOT);
const TARGET = resolve(ROOT, 'src/server/http/lakefsOperations.ts');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Operation = readonly [string, string, string];

function operationsOf(specText: string): Operation[] {
  const spec = YAML.parse(specText) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const method of METHODS) {
      const op = item[method];
      if (op) ops.push([method.toUpperCase(), path, op.operationId ?? '']);
    }
  return ops.sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] < b[1] ? -1 : 1));
}

function render(ops: readonly Operation[]): string {
  const rows = ops.map(([m, p, id]) => `  ['${m}', '${p}', '${id}'],`).join('\n');
  return `// Generated from lakeFS's OpenAPI spec (reference/lakefs-swagger.yml) by
// spec/unit/server/http/lakefsOperations.spec.ts — run it with UPDATE_LAKEFS_OPERATIONS=1 to refresh.
// Only the method, path template and operation id of each operation: what the server needs to tell an
// operation it does not implement (501) from a path that is not in the API (404).

/** Every operation of the lakeFS API: method, path template relative to \`/api/v1\`, operation id. */
// prettier-ignore
export const LAKEFS_OPERATIONS: readonly (readonly [method: string, path: string, operationId: string])[] = [
${rows}
];
`;
}

const describeWithSpec = SPEC || process.env.CI ? describe : describe.skip;
if (!SPEC && !process.env.CI)
  console.warn(`lakefsOperations: no lakefs-swagger.yml found (looked at ${CANDIDATES.join(', ')}); skipped`);

describeWithSpec('LAKEFS_OPERATIONS', () => {
  it('is exactly the operation list of the lakeFS OpenAPI spec', () => {
    if (!SPEC) throw new Error(`lakefs-swagger.yml not found (looked at ${CANDIDATES.join(', ')})`);
    const expected = operationsOf(readFileSync(SPEC, 'utf8'));
    if (process.env.UPDATE_LAKEFS_OPERATIONS) writeFileSync(TARGET, render(expected));
    expect(LAKEFS_OPERATIONS.map((o) => [...o])).toEqual(expected.map((o) => [...o]));
    expect(readFileSync(TARGET, 'utf8')).toBe(render(expected));
  });
});
