import type { StatementRecord } from './IamStore';

/** One action on one resource (an ARN), as lakeFS's authorizer checks it. */
export interface Permission {
  readonly action: string;
  readonly resource: string;
}

/** What an operation needs: one permission, all of several, or any of several. */
export type PermissionNode =
  Permission | { readonly all: readonly PermissionNode[] } | { readonly any: readonly PermissionNode[] };

const FS = 'arn:lakefs:fs:::';
const AUTH = 'arn:lakefs:auth:::';

/** lakeFS's resource names. */
export const arn = {
  repository: (repo: string): string => `${FS}repository/${repo}`,
  branch: (repo: string, branch: string): string => `${FS}repository/${repo}/branch/${branch}`,
  tag: (repo: string, tag: string): string => `${FS}repository/${repo}/tag/${tag}`,
  object: (repo: string, path: string): string => `${FS}repository/${repo}/object/${path}`,
  namespace: (namespace: string): string => `${FS}namespace/${namespace}`,
  user: (id: string): string => `${AUTH}user/${id}`,
  group: (id: string): string => `${AUTH}group/${id}`,
  policy: (id: string): string => `${AUTH}policy/${id}`,
  all: '*',
} as const;

const patterns = new Map<string, RegExp>();

/** lakeFS's wildcard: `*` matches any run of characters, `?` exactly one; everything else is literal. */
export function wildcardMatch(pattern: string, name: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    const body = [...pattern]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 's');
    if (patterns.size > 10_000) patterns.clear();
    patterns.set(pattern, re);
  }
  return re.test(name);
}

interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly account: string;
  readonly resource: string;
}

/** `arn:lakefs:<service>:<region>:<account>:<resource>`; the resource keeps any further colons. */
function parseArn(text: string): ParsedArn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] !== 'lakefs') return undefined;
  const [, partition = '', service = '', , account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (service === '' || resource === '') return undefined;
  return { partition, service, account, resource };
}

/** Whether a policy's resource (wildcards in its resource part only) covers a requested ARN. */
export function arnMatch(policyResource: string, requested: string): boolean {
  if (policyResource === '*') return true;
  const src = parseArn(policyResource);
  const dst = parseArn(requested);
  if (!src || !dst) return false;
  return (
    src.service === dst.service &&
    src.partition === dst.partition &&
    src.account === dst.account &&
    wildcardMatch(src.resource, dst.resource)
  );
}

/** A statement's resource: one ARN, or a JSON list of them (`["arn:…","arn:…"]`). */
function resourcesOf(resource: string): readonly string[] | undefined {
  if (!resource.startsWith('[') || !resource.endsWith(']')) return [resource];
  try {
    const list: unknown = JSON.parse(resource);
    return Array.isArray(list) && list.every((r) => typeof r === 'string') ? list : undefined;
  } catch {
    return undefined;
  }
}

type Verdict = 'allow' | 'deny' | 'neutral';

/** What was missing, for the message: the actions a statement denied, or the ones nothing allowed. */
interface Audit {
  readonly denied: string[];
  readonly unauthorized: string[];
}

/** Statements a user's policies hold, with `${user}` in resources already replaced by the user's id. */
export interface EffectiveStatement {
  readonly effect: string;
  readonly actions: readonly string[];
  /** undefined: the resource could not be read, which refuses every request (as lakeFS does) */
  readonly resources: readonly string[] | undefined;
  readonly conditional: boolean;
}

/** Flattens policies' statements for one user. */
export function effectiveStatements(
  userId: string,
  statements: Iterable<StatementRecord>,
): EffectiveStatement[] {
  return [...statements].map((s) => ({
    effect: s.effect,
    actions: s.action,
    resources: resourcesOf(s.resource)?.map((r) => r.split('${user}').join(userId)),
    conditional: s.condition !== undefined && Object.keys(s.condition).length > 0,
  }));
}

function check(node: PermissionNode, statements: readonly EffectiveStatement[], audit: Audit): Verdict {
  if ('all' in node) {
    for (const child of node.all) {
      const verdict = check(child, statements, audit);
      if (verdict !== 'allow') return verdict;
    }
    return 'allow';
  }
  if ('any' in node) {
    let verdict: Verdict = 'neutral';
    for (const child of node.any) {
      const v = check(child, statements, audit);
      if (v === 'deny') return 'deny';
      if (verdict !== 'allow') verdict = v;
    }
    return verdict;
  }
  let allowed = false;
  for (const s of statements) {
    // conditions (client IP ranges) are not evaluated here: a conditional statement never applies
    if (s.conditional) continue;
    if (!s.resources) return 'deny';
    if (!s.resources.some((r) => arnMatch(r, node.resource))) continue;
    for (const action of s.actions) {
      if (!wildcardMatch(action, node.action)) continue;
      if (s.effect === 'deny') {
        audit.denied.push(action);
        return 'deny';
      }
      allowed = true;
    }
  }
  if (!allowed) audit.unauthorized.push(node.action);
  return allowed ? 'allow' : 'neutral';
}

/**
 * lakeFS's decision: a matching deny wins, otherwise every required permission needs a matching allow.
 * @returns undefined when allowed, else the reason lakeFS gives (after `insufficient permissions: `)
 */
export function refusal(node: PermissionNode, statements: readonly EffectiveStatement[]): string | undefined {
  const audit: Audit = { denied: [], unauthorized: [] };
  if (check(node, statements, audit) === 'allow') return undefined;
  if (audit.denied.length > 0) return `denied permission to ${audit.denied.join(',')}`;
  if (audit.unauthorized.length > 0) return `not allowed to ${audit.unauthorized.join(',')}`;
  return 'not allowed';
}

/** Whether some allow statement names `action` on any resource (lakeFS's gate for listing repositories). */
export function allowsActionSomewhere(action: string, statements: readonly EffectiveStatement[]): boolean {
  return statements.some((s) => s.effect === 'allow' && s.actions.some((a) => wildcardMatch(a, action)));
}
