import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { findSpec, specCandidates } from '../../../../scripts/openapi/findSpec';
import { REQUEST_SCHEMAS, type SchemaRule } from '../../../../src/server/http/requestSchemas';

// The committed request-body rules must be exactly what lakeFS's OpenAPI spec declares for the JSON bodies
// of its operations (and the schemas those refer to). The spec lives in the shared reference folder beside
// the repository (never inside it: it is lakeFS's text).
const ROOT = resolve(__dirname, '../../../..');
const CANDIDATES = specCandidates(ROOT);
const SPEC = findSpec(ROOT);
const TARGET = resolve(ROOT, 'src/server/http/requestSchemas.ts');
const REF = '#/components/schemas/';

type Raw = Record<string, unknown>;

/** The validation-relevant part of one schema, refs kept as names. */
function ruleOf(raw: Raw, wanted: Set<string>): SchemaRule {
  const ref = raw.$ref;
  if (typeof ref === 'string') {
    wanted.add(ref.slice(REF.length));
    return { ref: ref.slice(REF.length) };
  }
  // `allOf` of a single ref (how the spec adds a description to a ref) is that ref; other compositions are
  // left unchecked here (the handler checks what it reads).
  const allOf = raw.allOf as Raw[] | undefined;
  if (allOf?.length === 1 && allOf[0]) return ruleOf(allOf[0], wanted);
  if (allOf || raw.oneOf || raw.anyOf) return {};
  const rule: { -readonly [K in keyof SchemaRule]: SchemaRule[K] } = {};
  if (typeof raw.type === 'string') rule.type = raw.type as SchemaRule['type'];
  if (raw.nullable === true) rule.nullable = true;
  if (Array.isArray(raw.enum)) rule.enum = raw.enum as string[];
  if (typeof raw.pattern === 'string') rule.pattern = raw.pattern;
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const)
    if (typeof raw[key] === 'number') rule[key] = raw[key];
  if (raw.items && typeof raw.items === 'object') rule.items = ruleOf(raw.items as Raw, wanted);
  const props = raw.properties as Record<string, Raw> | undefined;
  if (props)
    rule.properties = Object.fromEntries(
      Object.keys(props)
        .sort()
        .map((k) => [k, ruleOf(props[k] as Raw, wanted)]),
    );
  if (Array.isArray(raw.required)) rule.required = raw.required as string[];
  if (raw.additionalProperties === false) rule.additionalProperties = false;
  else if (raw.additionalProperties && typeof raw.additionalProperties === 'object')
    rule.additionalProperties = ruleOf(raw.additionalProperties as Raw, wanted);
  return rule;
}

function schemasOf(specText: string): Record<string, SchemaRule> {
  const spec = YAML.parse(specText) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Raw }> } }>>;
    components: { schemas: Record<string, Raw> };
  };
  const wanted = new Set<string>();
  for (const item of Object.values(spec.paths))
    for (const op of Object.values(item)) {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      if (typeof ref === 'string') wanted.add(ref.slice(REF.length));
    }
  const out: Record<string, SchemaRule> = {};
  for (let todo = [...wanted]; todo.length > 0; todo = [...wanted].filter((n) => !(n in out)))
    for (const name of todo) out[name] = ruleOf(spec.components.schemas[name] ?? {}, wanted);
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k] as SchemaRule]),
  );
}

function render(schemas: Record<string, SchemaRule>): string {
  const rows = Object.entries(schemas)
    .map(([name, rule]) => `  ${name}: ${JSON.stringify(rule)},`)
    .join('\n');
  return `// Generated from lakeFS's OpenAPI spec (reference/lakefs-swagger.yml) by
// spec/unit/server/http/requestSchemas.spec.ts — run it with UPDATE_REQUEST_SCHEMAS=1 to refresh.
// Only what lakeFS's request validator checks in a JSON body (types, required, enums, patterns, bounds),
// so that validateBody answers with the validator's own words.

/** The checks of one schema; \`ref\` names another entry. */
export interface SchemaRule {
  readonly ref?: string;
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  readonly nullable?: true;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: SchemaRule;
  readonly properties?: Readonly<Record<string, SchemaRule>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaRule | false;
}

/** The request-body schemas of the lakeFS API (and those they refer to), by component name. */
// prettier-ignore
export const REQUEST_SCHEMAS: Readonly<Record<string, SchemaRule>> = {
${rows}
};
`;
}

const describeWithSpec = SPEC || process.env.CI ? describe : describe.skip;
if (!SPEC && !process.env.CI)
  console.warn(`requestSchemas: no lakefs-swagger.yml found (looked at ${CANDIDATES.join(', ')}); skipped`);

describeWithSpec('REQUEST_SCHEMAS', () => {
  it('is exactly the request-body schemas of the lakeFS OpenAPI spec', () => {
    if (!SPEC) throw new Error(`lakefs-swagger.yml not found (looked at ${CANDIDATES.join(', ')})`);
    const expected = schemasOf(readFileSync(SPEC, 'utf8'));
    if (process.env.UPDATE_REQUEST_SCHEMAS) writeFileSync(TARGET, render(expected));
    expect(REQUEST_SCHEMAS).toEqual(expected);
    expect(readFileSync(TARGET, 'utf8')).toBe(render(expected));
  });
});
