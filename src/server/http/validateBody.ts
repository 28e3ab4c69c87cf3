import { badRequest } from './ApiError';
import { REQUEST_SCHEMAS, type SchemaRule } from './requestSchemas';

// lakeFS validates a JSON body against its OpenAPI schema before the handler runs (kin-openapi) and
// answers the first problem found, in the validator's words. The order matters for which problem is
// reported: a value's enum before its type; in an object the present properties in sorted key order, then
// the `required` list in the schema's order. lakeFS adds a dump of the schema and the value after the
// first line; clients show the first line, and that is what we reproduce.

interface Problem {
  readonly path: readonly (string | number)[];
  readonly reason: string;
}

/**
 * Checks a parsed JSON body against a lakeFS request schema.
 * @param body - the parsed body (`undefined` when there was none)
 * @param schema - the component name, e.g. `RevertCreation`
 * @param required - whether the operation requires a body (most do); a missing optional one is `{}`
 * @returns the body as an object, when it matches
 * @throws ApiError 400 with the validator's message, when it does not
 */
export function requestBody(body: unknown, schema: string, required = true): Record<string, unknown> {
  const rule = REQUEST_SCHEMAS[schema];
  if (!rule) throw new Error(`no request schema ${schema}`);
  if (body === undefined) {
    if (required) throw badRequest('request body has an error: value is required but missing');
    return {};
  }
  const problem = visit(rule, body, []);
  if (problem) {
    const at = problem.path.length > 0 ? `Error at "/${problem.path.join('/')}": ` : '';
    throw badRequest(
      `request body has an error: doesn't match schema #/components/schemas/${schema}: ${at}${problem.reason}`,
    );
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('request body has an error: value must be an object');
  return body as Record<string, unknown>;
}

function resolve(rule: SchemaRule): SchemaRule {
  let r = rule;
  for (let depth = 0; r.ref !== undefined && depth < 16; depth++) r = REQUEST_SCHEMAS[r.ref] ?? {};
  return r;
}

function visit(ruleOrRef: SchemaRule, value: unknown, path: (string | number)[]): Problem | undefined {
  const rule = resolve(ruleOrRef);
  const fail = (reason: string): Problem => ({ path, reason });
  if (value === null)
    return rule.nullable || Object.keys(rule).length === 0 ? undefined : fail('Value is not nullable');
  if (rule.enum && !rule.enum.some((e) => e === value))
    return fail(`value is not one of the allowed values ${JSON.stringify(rule.enum)}`);
  const type = rule.type;
  if (typeof value === 'boolean') return type && type !== 'boolean' ? expected(type, path) : undefined;
  if (typeof value === 'number') {
    if (type && type !== 'number' && type !== 'integer') return expected(type, path);
    if (type === 'integer' && !Number.isInteger(value)) return fail('value must be an integer');
    // Go prints the bounds with %g; for the spec's bounds (small integers) that is the plain number
    if (rule.minimum !== undefined && value < rule.minimum)
      return fail(`number must be at least ${rule.minimum}`);
    if (rule.maximum !== undefined && value > rule.maximum)
      return fail(`number must be at most ${rule.maximum}`);
    return undefined;
  }
  if (typeof value === 'string') {
    if (type && type !== 'string') return expected(type, path);
    const length = value.length; // UTF-16 units, as JSON Schema counts them
    if (rule.minLength && length < rule.minLength) return fail(`minimum string length is ${rule.minLength}`);
    if (rule.maxLength !== undefined && length > rule.maxLength)
      return fail(`maximum string length is ${rule.maxLength}`);
    if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(value))
      return fail(`string doesn't match the regular expression "${rule.pattern}"`);
    return undefined;
  }
  if (Array.isArray(value)) {
    if (type && type !== 'array') return expected(type, path);
    if (rule.minItems && value.length < rule.minItems)
      return fail(`minimum number of items is ${rule.minItems}`);
    if (rule.maxItems !== undefined && value.length > rule.maxItems)
      return fail(`maximum number of items is ${rule.maxItems}`);
    if (rule.items)
      for (const [i, item] of value.entries()) {
        const problem = visit(rule.items, item, [...path, i]);
        if (problem) return problem;
      }
    return undefined;
  }
  if (typeof value === 'object') {
    if (type && type !== 'object') return expected(type, path);
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object).sort()) {
      const property = rule.properties?.[key] ?? rule.additionalProperties;
      if (property === false) return fail(`property "${key}" is unsupported`);
      const problem = property ? visit(property, object[key], [...path, key]) : undefined;
      if (problem) return problem;
    }
    for (const key of rule.required ?? [])
      if (!(key in object)) return { path: [...path, key], reason: `property "${key}" is missing` };
  }
  return undefined;
}

function expected(type: NonNullable<SchemaRule['type']>, path: (string | number)[]): Problem {
  const article = type === 'array' || type === 'object' || type === 'integer' ? 'an' : 'a';
  return { path, reason: `value must be ${article} ${type}` };
}
