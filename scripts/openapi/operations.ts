import { codecExpr, modelName, refName } from './codecs';
import {
  METHODS,
  type MediaType,
  type Method,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Schema,
} from './types';

/**
 * Operations left out of `lakefs.api`: they serve lakeFS's own web UI and telemetry, and a client has no
 * business calling them. Every other operation of the spec, internal ones included, gets its function.
 */
export const EXCLUDED: Readonly<Record<string, string>> = {
  setupCommPrefs: 'records the e-mail and newsletter choices of the web UI onboarding form',
  postStatsEvents: "sends the web UI's usage telemetry to the server",
};

/** How an operation's successful answer is read. */
export type ResponseKind =
  | { readonly kind: 'json'; readonly model: string }
  | { readonly kind: 'void'; readonly acceptStatus?: readonly number[] }
  | { readonly kind: 'text' }
  | { readonly kind: 'binary' };

/** One operation, resolved into what the generated function needs. */
export interface OperationModel {
  readonly operationId: string;
  readonly functionName: string;
  readonly method: Method;
  readonly path: string;
  readonly tag: string;
  readonly internal: boolean;
  readonly pathParams: readonly Parameter[];
  readonly queryParams: readonly Parameter[];
  readonly headerParams: readonly Parameter[];
  readonly body?:
    | { readonly kind: 'json'; readonly model: string; readonly required: boolean }
    | { readonly kind: 'raw'; readonly required: boolean };
  readonly response: ResponseKind;
}

/** Models the generator hoists out of operations (inline request and response schemas). */
export interface HoistedModel {
  readonly name: string;
  readonly schema: Schema;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function resolveParameter(doc: OpenApiDocument, p: Parameter): Parameter {
  if (!p.$ref) return p;
  const name = p.$ref.replace('#/components/parameters/', '');
  const found = doc.components.parameters?.[name];
  if (!found) throw new Error(`unknown parameter ${p.$ref}`);
  return found;
}

function modelFor(schema: Schema | undefined, hoistAs: string, hoisted: HoistedModel[]): string {
  if (!schema) return 'unknown';
  if (schema.$ref) return modelName(refName(schema.$ref));
  hoisted.push({ name: hoistAs, schema });
  return hoistAs;
}

function responseKind(op: Operation, hoisted: HoistedModel[]): ResponseKind {
  const statuses = Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  const first = statuses[0];
  if (first === undefined) {
    const redirects = Object.keys(op.responses)
      .filter((s) => /^3\d\d$/.test(s))
      .map(Number);
    return { kind: 'void', acceptStatus: redirects };
  }
  const content: Readonly<Record<string, MediaType>> = op.responses[first]?.content ?? {};
  const json = content['application/json'];
  if (json)
    return { kind: 'json', model: modelFor(json.schema, `${upperFirst(op.operationId)}Response`, hoisted) };
  const types = Object.keys(content);
  if (types.length === 0) return { kind: 'void' };
  if (types.some((t) => t.startsWith('text/') || t === 'application/text')) return { kind: 'text' };
  return { kind: 'binary' };
}

/** Every operation of `doc` but the {@link EXCLUDED} ones, in spec order, plus the hoisted models. */
export function readOperations(doc: OpenApiDocument): {
  operations: OperationModel[];
  hoisted: HoistedModel[];
} {
  const operations: OperationModel[] = [];
  const hoisted: HoistedModel[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as readonly Parameter[] | undefined) ?? []).map((p) =>
      resolveParameter(doc, p),
    );
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op || op.operationId in EXCLUDED) continue;
      const own = (op.parameters ?? []).map((p) => resolveParameter(doc, p));
      const params = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const pathParams = order.map((n) => {
        const p = params.find((x) => x.in === 'path' && x.name === n);
        if (!p) throw new Error(`${op.operationId}: path parameter ${n} is not declared`);
        return p;
      });
      let body: OperationModel['body'];
      if (op.requestBody) {
        const json = op.requestBody.content['application/json'];
        const required = op.requestBody.required === true;
        body = json
          ? {
              kind: 'json',
              model: modelFor(json.schema, `${upperFirst(op.operationId)}Request`, hoisted),
              required,
            }
          : { kind: 'raw', required };
      }
      const tags = op.tags ?? ['default'];
      operations.push({
        operationId: op.operationId,
        functionName: lowerFirst(op.operationId),
        method,
        path,
        tag: tags[0] ?? 'default',
        internal: tags.includes('internal'),
        pathParams,
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        body,
        response: responseKind(op, hoisted),
      });
    }
  }
  return { operations, hoisted };
}

/** The parameter's property name in the generated `params` object: query names as on the wire, headers camelCased. */
export function paramKey(p: Parameter): string {
  if (p.in !== 'header') return p.name;
  return lowerFirst(p.name.split('-').map(upperFirst).join(''));
}

function paramType(p: Parameter): string {
  const s = p.schema ?? {};
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'array') return 'readonly string[]';
  return 'string';
}

const identifier = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
const key = (s: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : JSON.stringify(s));

/** Source of one operation's function, as a method of the object its tag's file returns. */
export function operationSource(op: OperationModel): string {
  const args: string[] = op.pathParams.map((p) => `${identifier(p.name)}: string`);
  if (op.body) {
    const type = op.body.kind === 'json' ? `m.${op.body.model}` : 'RequestBody';
    // an optional body before a required params object is spelled `| undefined` (no `?` before a required)
    const laterRequired = [...op.queryParams, ...op.headerParams].some((p) => p.required);
    args.push(
      op.body.required ? `body: ${type}` : laterRequired ? `body: ${type} | undefined` : `body?: ${type}`,
    );
  }
  const named = [...op.queryParams, ...op.headerParams];
  if (named.length > 0) {
    const fields = named.map((p) => `${key(paramKey(p))}${p.required ? '' : '?'}: ${paramType(p)}`);
    const anyRequired = named.some((p) => p.required);
    args.push(`params: { ${fields.join('; ')} }${anyRequired ? '' : ' = {}'}`);
  }
  const path =
    '`' + op.path.replace(/\{([^}]+)\}/g, (_m, n: string) => `\${segment(${identifier(n)})}`) + '`';
  const request: string[] = [`method: '${op.method.toUpperCase()}'`, `path: ${path}`];
  if (op.queryParams.length > 0)
    request.push(
      `query: { ${op.queryParams.map((p) => `${key(p.name)}: params${/^[A-Za-z_$][\w$]*$/.test(p.name) ? `.${p.name}` : `[${JSON.stringify(p.name)}]`}`).join(', ')} }`,
    );
  if (op.headerParams.length > 0)
    request.push(
      `headers: headerValues({ ${op.headerParams.map((p) => `${JSON.stringify(p.name.toLowerCase())}: params.${paramKey(p)}`).join(', ')} })`,
    );
  if (op.body?.kind === 'json') request.push('json: body');
  if (op.body?.kind === 'raw') request.push('body');
  if (op.path.includes('/objects') && op.queryParams.some((p) => p.name === 'path'))
    request.push('objectRequest: true');
  const r = op.response;
  if (r.kind === 'void' && r.acceptStatus && r.acceptStatus.length > 0)
    request.push(`acceptStatus: [${r.acceptStatus.join(', ')}]`);
  const req = `{ ${request.join(', ')} }`;
  const [returns, call] =
    r.kind === 'json'
      ? [`m.${r.model}`, `http.json(${req}, m.${r.model})`]
      : r.kind === 'text'
        ? ['string', `http.text(${req})`]
        : r.kind === 'binary'
          ? ['Uint8Array', `http.chunks(${req})`]
          : ['void', `http.void(${req})`];
  const doc = `/** \`${op.method.toUpperCase()} ${op.path}\` (${op.operationId}${op.internal ? ', internal' : ''}). */`;
  return `${doc}\n${op.functionName}(${args.join(', ')}): Observable<${returns}> {\n return ${call};\n},`;
}

/** The codec declaration of a model. */
export function modelSource(name: string, schema: Schema, schemas: Readonly<Record<string, Schema>>): string {
  const n = modelName(name);
  // Our own words, not the spec's descriptions (lakeFS text stays out of the repository); TypeDoc documents both.
  const codecDoc = `/** The io-ts codec of the lakeFS API schema \`${name}\`: decodes it from the wire, checked. */`;
  const typeDoc = `/** The lakeFS API schema \`${name}\` as it travels on the wire (snake_case). */`;
  return `${codecDoc}\nexport const ${n} = checkedFirst(${codecExpr(schema, schemas, n)});\n${typeDoc}\nexport type ${n} = t.TypeOf<typeof ${n}>;`;
}
