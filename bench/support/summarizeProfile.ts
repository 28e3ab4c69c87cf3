/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self and inclusive time per function and
 * self time per source (a package, a `src/` file, Node internals).
 *
 * @example
 * npx tsx bench/support/summarizeProfile.ts .tmp/bench-profiles/server.1234.cpuprofile [top=25] [filter]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One row of the summary, times in ms. */
export interface ProfileRow {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

/** Where a frame's code lives: `node_modules/<pkg>`, a project path, `node:…`, or `(vm)`. */
export function sourceOf(url: string): string {
  if (!url) return '(native/vm)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/(src|bench|spec)\/(.*)$/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

const frameName = (n: ProfileNode): string => {
  const f = n.callFrame;
  return `${f.functionName || '(anonymous)'} ${sourceOf(f.url)}:${f.lineNumber + 1}`;
};

/**
 * Self and inclusive time per function, and self time per source, biggest first.
 * @param profile - the parsed `.cpuprofile`
 */
export function summarize(profile: CpuProfile): {
  functions: ProfileRow[];
  sources: ProfileRow[];
  totalMs: number;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const sources = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') return;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + ms);
    sources.set(sourceOf(leaf.callFrame.url), (sources.get(sourceOf(leaf.callFrame.url)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = frameName(byId.get(cur)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const functions = [...total]
    .map(([name, ms]) => ({ name, selfMs: self.get(name) ?? 0, totalMs: ms }))
    .sort((a, b) => b.selfMs - a.selfMs);
  const bySource = [...sources]
    .map(([name, ms]) => ({ name, selfMs: ms, totalMs: ms }))
    .sort((a, b) => b.selfMs - a.selfMs);
  return { functions, sources: bySource, totalMs };
}

function main(): void {
  const [file, topArg, filter] = process.argv.slice(2);
  if (!file) throw new Error('usage: summarizeProfile <file.cpuprofile> [top] [filter]');
  const top = Number(topArg ?? 25);
  const { functions, sources, totalMs } = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const pct = (ms: number): string => `${((ms / totalMs) * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`total ${totalMs.toFixed(0)} ms\n\nself time by source:\n`);
  for (const s of sources.slice(0, 15)) process.stdout.write(`${pct(s.selfMs)}  ${s.name}\n`);
  process.stdout.write('\nself time by function (self%, total%):\n');
  for (const f of functions.filter((r) => !filter || r.name.includes(filter)).slice(0, top))
    process.stdout.write(`${pct(f.selfMs)} ${pct(f.totalMs)}  ${f.name}\n`);
  if (filter) {
    process.stdout.write(`\ninclusive time of functions matching "${filter}":\n`);
    const incl = [...functions].filter((r) => r.name.includes(filter)).sort((a, b) => b.totalMs - a.totalMs);
    for (const f of incl.slice(0, top)) process.stdout.write(`${pct(f.totalMs)}  ${f.name}\n`);
  }
}

if (require.main === module) main();
