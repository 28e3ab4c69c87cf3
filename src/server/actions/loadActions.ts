import { parse } from 'yaml';
import type { Blockstore } from '../blockstore/Blockstore';
import { matchesPattern } from '../settings/matchesPattern';
import { type ObjectView, viewEntries } from '../store/objectView';

/** A webhook hook of an action. */
export interface WebhookHook {
  readonly id: string;
  readonly url: string;
  readonly timeoutMs: number;
}

/** An action file of `_lakefs_actions/`, reduced to what the local server runs. */
export interface ActionDefinition {
  readonly name: string;
  readonly events: ReadonlyMap<string, readonly string[] | undefined>;
  readonly hooks: readonly (WebhookHook | { readonly id: string; readonly unsupported: string })[];
}

const PREFIX = '_lakefs_actions/';

/** A YAML scalar as text ('' for anything else). */
const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}

function definition(file: string, text: string): ActionDefinition {
  const doc = parse(text) as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object') throw new Error(`${file}: not an action`);
  const on = (doc.on ?? {}) as Record<string, { branches?: unknown } | null>;
  const events = new Map<string, readonly string[] | undefined>();
  for (const [event, spec] of Object.entries(on)) {
    const branches = spec?.branches;
    events.set(event, Array.isArray(branches) ? branches.map(String) : undefined);
  }
  const hooks = (Array.isArray(doc.hooks) ? doc.hooks : []).map((h: unknown) => {
    const hook = (h ?? {}) as {
      id?: unknown;
      type?: unknown;
      properties?: { url?: unknown; timeout?: unknown };
    };
    const id = scalar(hook.id);
    if (hook.type !== 'webhook') return { id, unsupported: scalar(hook.type) };
    const seconds = Number(scalar(hook.properties?.timeout).replace(/s$/, ''));
    return { id, url: scalar(hook.properties?.url), timeoutMs: seconds > 0 ? seconds * 1000 : 60_000 };
  });
  return { name: scalar(doc.name) || file, events, hooks };
}

/**
 * The actions of a view whose `on` has `event` for `branch` (a missing branch list matches every
 * branch), in file order. A file that does not parse is skipped, as lakeFS reports it only in the run.
 */
export async function loadActions(
  blockstore: Blockstore,
  view: ObjectView,
  event: string,
  branch: string,
): Promise<ActionDefinition[]> {
  const found: ActionDefinition[] = [];
  for (const [path, entry] of viewEntries(view, PREFIX)) {
    if (!path.startsWith(PREFIX)) break;
    // lakeFS reads every file directly under the prefix, whatever its name
    if (path.slice(PREFIX.length).includes('/')) continue;
    try {
      const action = definition(path, await readAll(await blockstore.open(entry.physicalAddress)));
      if (!action.events.has(event)) continue;
      const branches = action.events.get(event);
      if (branches && !branches.some((p) => matchesPattern(p, branch))) continue;
      found.push(action);
    } catch {
      // an unreadable action file triggers nothing here
    }
  }
  return found;
}
