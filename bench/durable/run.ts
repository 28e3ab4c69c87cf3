/**
 * `npm run bench:durable`: the persistent server at scale. Builds a branch of N objects (default
 * 1,000,000) in a data directory, then measures, each next to a baseline from the same run:
 * - a commit of 1,000 changes on it (baseline: the same commit on a 1,000-object branch);
 * - a restart of `serve --data-dir` on it, until the first answer (baseline: an empty directory);
 * - listing every object over HTTP from the restarted (cold) server;
 * - space reclamation after overwrites and a repository delete (data-directory files and RSS).
 * Flags: `--objects=N`, `--out=FILE` (JSON results).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { branchHead, findBranch } from '../../src/server/store/branchStore';
import { commitBranch } from '../../src/server/store/commitBranch';
import { openDataDir } from '../../src/server/store/durable/openDataDir';
import { makeEntry } from '../../src/server/store/makeEntry';
import { ServerState } from '../../src/server/store/ServerState';
import type { RepositoryRecord } from '../../src/server/store/types';

const ROOT = resolve(__dirname, '../..');
const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const OBJECTS = Number(arg('objects') ?? 1_000_000);
const CHANGES = 1000;

const key = (i: number): string =>
  `tables/part=${String(Math.floor(i / 10_000)).padStart(4, '0')}/file-${String(i).padStart(8, '0')}.parquet`;
const entry = (i: number, version = 0) =>
  makeEntry({
    physicalAddress: `local:///bench/data/${i}-${version}`,
    checksum: `${i.toString(16).padStart(8, '0')}${version}`,
    sizeBytes: 1000 + (i % 977),
    mtime: 1_700_000_000,
    contentType: 'application/octet-stream',
    metadata: {},
  });

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const settings = (dataDir: string) => ({
  importRoots: [],
  presign: false,
  dataDir,
  baseUrl: '',
  signingSecret: 'bench',
});

async function openState(dir: string) {
  const opened = await openDataDir(dir);
  return { opened, state: new ServerState(settings(dir), opened.records) };
}

/** Stages and commits `count` objects in batches (one transaction per batch, as requests would). */
function fill(state: ServerState, repo: RepositoryRecord, count: number, flush: () => void): void {
  const branch = findBranch(repo, 'main');
  for (let i = 0; i < count; i++) {
    branch.staging.set(key(i), entry(i));
    if (i % 50_000 === 49_999) flush();
  }
  flush();
  commitBranch(repo, branch, { message: `${count} objects`, committer: 'bench' });
  flush();
}

/**
 * Stages CHANGES overwrites — spread over the whole key space (the worst case: each in another leaf), or
 * clustered (consecutive keys, as one partition's rewrite) — then times the commit alone.
 */
function timedCommit(
  repo: RepositoryRecord,
  count: number,
  flush: () => void,
  clustered = false,
  version = 1,
): number {
  const branch = findBranch(repo, 'main');
  const step = clustered ? 1 : Math.max(1, Math.floor(count / CHANGES));
  const first = clustered ? Math.floor(count / 2) : 0;
  for (let c = 0; c < CHANGES; c++) {
    const i = (first + c * step) % count;
    branch.staging.set(key(i), entry(i, version));
  }
  flush();
  const t0 = process.hrtime.bigint();
  commitBranch(repo, branch, { message: 'changes', committer: 'bench' });
  flush();
  return ms(t0);
}

async function cliFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-cli-'));
  const outfile = join(dir, 'cli.cjs');
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  return outfile;
}

interface Served {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Starts `serve --data-dir`, answers one request; returns the time to that answer and the process. */
async function restart(cli: string, dir: string, repo: string | undefined) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, '--json', 'serve', '--port', '0', '--data-dir', dir], {
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules') },
  });
  const served = await new Promise<Served>((done, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) done(JSON.parse(out.split('\n')[0] as string) as Served);
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${code}`)));
  });
  const auth = `Basic ${Buffer.from(`${served.accessKeyId}:${served.secretAccessKey}`).toString('base64')}`;
  const get = async (path: string) => {
    const res = await fetch(`${served.endpoint}/api/v1${path}`, { headers: { authorization: auth } });
    return (await res.json()) as unknown;
  };
  await get(
    repo
      ? `/repositories/${repo}/refs/main/objects/stat?path=${encodeURIComponent(key(0))}`
      : '/repositories',
  );
  const firstAnswerMs = ms(t0);
  const rssMb = (await readRss(child.pid as number)) / 1024;
  return { firstAnswerMs, rssMb, get, pid: child.pid as number, stop: () => child.kill('SIGKILL') };
}

async function readRss(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function dirSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const info = statSync(join(dir, name));
    if (info.isFile()) {
      files++;
      bytes += info.size;
    }
  }
  return { files, bytes };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { objects: OBJECTS, changes: CHANGES };
  const big = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-big-'));
  const small = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-small-'));
  const empty = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-empty-'));
  try {
    // baseline: the same commit on a small branch
    {
      const { opened, state } = await openState(small);
      const repo = state.createRepository({
        id: 'small',
        storageNamespace: 'local://small',
        defaultBranch: 'main',
        readOnly: false,
        bare: false,
      });
      fill(state, repo, CHANGES, () => opened.db.flush());
      results.commitSmallMs = timedCommit(repo, CHANGES, () => opened.db.flush());
      results.commitSmallClusteredMs = timedCommit(repo, CHANGES, () => opened.db.flush(), true, 2);
      opened.db.close();
    }
    {
      const { opened, state } = await openState(big);
      const repo = state.createRepository({
        id: 'big',
        storageNamespace: 'local://big',
        defaultBranch: 'main',
        readOnly: false,
        bare: false,
      });
      const t0 = process.hrtime.bigint();
      fill(state, repo, OBJECTS, () => opened.db.flush());
      results.buildMs = ms(t0);
      results.commitBigMs = timedCommit(repo, OBJECTS, () => opened.db.flush());
      results.commitBigReads = opened.records.nodes.reads;
      results.commitBigClusteredMs = timedCommit(repo, OBJECTS, () => opened.db.flush(), true, 2);
      const head = branchHead(repo, findBranch(repo, 'main'));
      results.headHasChange = head.tree.get(key(0))?.checksum.endsWith('1') === true;
      opened.db.close();
    }
    results.dataDirMb = dirSize(big).bytes / 1e6;
    const cli = await cliFile();
    const baseline = await restart(cli, empty, undefined);
    baseline.stop();
    results.restartEmptyMs = baseline.firstAnswerMs;
    results.restartEmptyRssMb = baseline.rssMb;
    const restarted = await restart(cli, big, 'big');
    results.restartBigMs = restarted.firstAnswerMs;
    results.restartBigRssMb = restarted.rssMb;
    // listing every object from the cold server
    const t0 = process.hrtime.bigint();
    let listed = 0;
    let after = '';
    for (;;) {
      const page = (await restarted.get(
        `/repositories/big/refs/main/objects/ls?amount=1000&after=${encodeURIComponent(after)}`,
      )) as { results: unknown[]; pagination: { has_more: boolean; next_offset: string } };
      listed += page.results.length;
      if (!page.pagination.has_more) break;
      after = page.pagination.next_offset;
    }
    results.listed = listed;
    results.listMs = ms(t0);
    results.listPerSecond = Math.round(listed / (ms(t0) / 1000));
    results.rssAfterListingMb = (await readRss(restarted.pid)) / 1024;
    restarted.stop();
  } finally {
    for (const d of [big, small, empty]) rmSync(d, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
  const out = arg('out');
  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
}

void main();
