import type { Schema } from './types';

/** Names that must not become exported constants (they would shadow globals in the generated module). */
const RESERVED = new Set(['Error', 'Object', 'String', 'Number', 'Boolean', 'Array', 'Date', 'Map', 'Set']);

/**
 * Fields the spec requires that the real lakeFS leaves out (the real server wins): the generated codecs
 * make them optional.
 */
export const SERVER_OMITS: Readonly<Record<string, readonly string[]>> = {
  // listPullRequests sends no description
  PullRequest: ['description'],
};

/** The TypeScript name of a component schema. */
export function modelName(schemaName: string): string {
  const name = schemaName.replace(/[^A-Za-z0-9_]/g, '_');
  return RESERVED.has(name) ? `${name}Body` : name;
}

/** The component a `$ref` points to. */
export function refName(ref: string): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(prefix.length);
}

/** Merges `allOf` members into one object schema: properties and required names are unioned. */
function flattenAllOf(schema: Schema, schemas: Readonly<Record<string, Schema>>): Schema {
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  const visit = (s: Schema): void => {
    const target = s.$ref ? schemas[refName(s.$ref)] : s;
    if (!target) throw new Error(`unknown $ref ${s.$ref}`);
    if (target.allOf) target.allOf.forEach(visit);
    Object.assign(properties, target.properties ?? {});
    (target.required ?? []).forEach((r) => required.add(r));
  };
  visit(schema);
  return { type: 'object', properties, required: [...required] };
}

const quote = (s: string): string => JSON.stringify(s);
const key = (s: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : quote(s));

/**
 * The io-ts expression of `schema`. Component references become the generated constant's name, so the
 * caller orders declarations by {@link dependencies}. Enums are open (`openEnum`): lakeFS adds values.
 */
export function codecExpr(schema: Schema, schemas: Readonly<Record<string, Schema>>, name?: string): string {
  const inner = (): string => {
    if (schema.$ref) return modelName(refName(schema.$ref));
    if (schema.allOf) return codecExpr(flattenAllOf(schema, schemas), schemas, name);
    if (schema.enum) {
      const values = schema.enum.filter((v): v is string => typeof v === 'string').map(quote);
      return `openEnum([${values.join(', ')}]${name ? `, ${quote(name)}` : ''})`;
    }
    switch (schema.type) {
      case 'string':
        return 't.string';
      case 'integer':
      case 'number':
        return 't.number';
      case 'boolean':
        return 't.boolean';
      case 'array':
        return `t.array(${schema.items ? codecExpr(schema.items, schemas) : 't.unknown'})`;
      default:
        return objectExpr(schema, schemas, name);
    }
  };
  const expr = inner();
  return schema.nullable ? `t.union([${expr}, t.null])` : expr;
}

function objectExpr(schema: Schema, schemas: Readonly<Record<string, Schema>>, name?: string): string {
  const props = schema.properties ?? {};
  const names = Object.keys(props);
  if (names.length === 0) {
    const extra = schema.additionalProperties;
    if (extra && typeof extra === 'object' && (extra.type || extra.$ref || extra.enum))
      return `t.record(t.string, ${codecExpr(extra, schemas)})`;
    return 't.UnknownRecord';
  }
  const omitted = (name && SERVER_OMITS[name]) || [];
  const required = new Set((schema.required ?? []).filter((r) => !omitted.includes(r)));
  const field = (p: string, optional: boolean): string => {
    const codec = codecExpr(props[p] as Schema, schemas);
    // lakeFS (Go) may send null for a field it leaves unset, so an optional field accepts null too
    return `${key(p)}: ${optional ? `optional(${codec})` : codec}`;
  };
  const req = names.filter((p) => required.has(p)).map((p) => field(p, false));
  const opt = names.filter((p) => !required.has(p)).map((p) => field(p, true));
  return `object({ ${req.join(', ')} }, { ${opt.join(', ')} }${name ? `, ${quote(name)}` : ''})`;
}

/** Component names `schema` refers to, directly or through nested schemas. */
export function dependencies(schema: Schema, schemas: Readonly<Record<string, Schema>>): Set<string> {
  const out = new Set<string>();
  const visit = (s: Schema | boolean | undefined): void => {
    if (!s || typeof s !== 'object') return;
    if (s.$ref) {
      out.add(refName(s.$ref));
      return;
    }
    s.allOf?.forEach(visit);
    visit(s.items);
    visit(s.additionalProperties);
    Object.values(s.properties ?? {}).forEach(visit);
  };
  visit(schema);
  // allOf members are inlined, so what they refer to is needed too
  if (schema.allOf)
    for (const d of [...out]) dependencies(schemas[d] ?? {}, schemas).forEach((x) => out.add(x));
  return out;
}

/** Component names in an order where each comes after everything it refers to (cycles are an error). */
export function declarationOrder(schemas: Readonly<Record<string, Schema>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string): void => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') throw new Error(`recursive schema ${n} is not supported`);
    state.set(n, 'visiting');
    for (const d of [...dependencies(schemas[n] ?? {}, schemas)].sort()) visit(d);
    state.set(n, 'done');
    order.push(n);
  };
  Object.keys(schemas).sort().forEach(visit);
  return order;
}
