/**
 * `npm run bench:stall`: the longest event-loop stall while a branch of N staged entries (default
 * 1,000,000) is committed, in memory and with a data directory. Each mode commits twice in the same run:
 * - before: the commit's steps run in one synchronous go (what the server did before commits yielded);
 * - after: the same steps in slices (`commitBranchInSlices`, what the commit route now runs).
 * `perf_hooks.monitorEventLoopDelay` records the loop's delays while each commit runs; its maximum is the
 * longest time any other request would have waited. Flags: `--entries=N`, `--mode=memory|dir|both`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBranch } from '../../src/server/store/branchOps';
import { findBranch } from '../../src/server/store/branchStore';
import { commitBranchInSlices, commitSteps } from '../../src/server/store/commitBranch';
import { openDataDir } from '../../src/server/store/durable/openDataDir';
import { makeEntry } from '../../src/server/store/makeEntry';
import { ServerState } from '../../src/server/store/ServerState';
import { runNow } from '../../src/server/store/steps';
import type { RepositoryRecord } from '../../src/server/store/types';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const ENTRIES = Number(arg('entries') ?? 1_000_000);
const MODE = arg('mode') ?? 'both';

const key = (i: number): string =>
  `tables/part=${String(Math.floor(i / 10_000)).padStart(4, '0')}/file-${String(i).padStart(8, '0')}.parquet`;
const entry = (i: number) =>
  makeEntry({
    physicalAddress: `local:///bench/data/${i}`,
    checksum: i.toString(16).padStart(8, '0'),
    sizeBytes: 1000 + (i % 977),
    mtime: 1_700_000_000,
    contentType: 'application/octet-stream',
    metadata: {},
  });

const settings = (dataDir?: string) => ({
  importRoots: [],
  presign: false,
  dataDir,
  baseUrl: '',
  signingSecret: 'bench',
  presignExpirySeconds: 900,
});

/** Stages `count` entries on a new branch, flushing the data directory's transaction every 50,000. */
function stage(repo: RepositoryRecord, name: string, count: number, flush: () => void) {
  createBranch(repo, name, 'main');
  // a data directory keeps its own (durable) record of the new branch
  const branch = findBranch(repo, name);
  for (let i = 0; i < count; i++) {
    branch.staging.set(key(i), entry(i));
    if (i % 50_000 === 49_999) flush();
  }
  flush();
  return branch;
}

/** Runs `commit` while the event loop's delays are recorded; the longest one and the commit's duration. */
async function measured(commit: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // let the histogram take its first sample before the work starts
  await new Promise((done) => setTimeout(done, 20));
  histogram.enable();
  await new Promise((done) => setTimeout(done, 20));
  const t0 = performance.now();
  await commit();
  const commitMs = performance.now() - t0;
  await new Promise((done) => setTimeout(done, 5));
  histogram.disable();
  return {
    commitMs: Math.round(commitMs),
    longestStallMs: Math.round(histogram.max / 1e6),
    p99StallMs: Math.round(histogram.percentile(99) / 1e6),
  };
}

async function mode(dataDir: string | undefined) {
  const opened = dataDir ? await openDataDir(dataDir) : undefined;
  const state = new ServerState(settings(dataDir), opened?.records);
  const flush = (): void => opened?.db.flush();
  const repo = state.createRepository({
    id: 'stall',
    storageNamespace: 'local://ns/stall',
    defaultBranch: 'main',
    readOnly: false,
    bare: false,
  });
  flush();
  const input = { message: 'all', committer: 'bench' };
  const before = stage(repo, 'before', ENTRIES, flush);
  const sync = await measured(async () => {
    runNow(commitSteps(repo, before, input));
    flush();
  });
  const after = stage(repo, 'after', ENTRIES, flush);
  const sliced = await measured(async () => {
    await commitBranchInSlices(repo, after, input);
    flush();
  });
  opened?.db.close();
  return { before: sync, after: sliced };
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { entries: ENTRIES };
  if (MODE !== 'dir') results.memory = await mode(undefined);
  if (MODE !== 'memory') {
    const dir = mkdtempSync(join(tmpdir(), 'lakefs-rx-bench-stall-'));
    try {
      results.dataDir = await mode(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(JSON.stringify(results, null, 2));
}

void main();
