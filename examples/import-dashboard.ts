/**
 * Import dashboard: a live terminal progress bar driven by an import's status ticks.
 *
 * Run it with `npx tsx examples/import-dashboard.ts`: it generates files in a temporary directory, starts
 * the local server with that directory as an import root, and imports it. Press Ctrl+C to stop: leaving
 * `run()` cancels the import on the server, so nothing is committed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { lastValueFrom, tap } from 'rxjs';
import { type ImportStatus, LakeFS } from '../src';
import { startServer } from '../src/server';
import { runIfMain } from './support/runExample';

/** Options of {@link runImportDashboard}. */
export interface ImportDashboardOptions {
  readonly repositoryId: string;
  /** @default 'main' */
  readonly branch?: string;
  /** Source prefix, e.g. `local:///data/raw/` or `s3://bucket/raw/`. */
  readonly source: string;
  /** Prefix on the branch. @default 'imported/' */
  readonly destination?: string;
  /** How many objects the source holds, when known; the bar then shows a percentage. */
  readonly expectedObjects?: number;
  /** Status poll interval in milliseconds. @default 200 */
  readonly pollIntervalMs?: number;
  /** Where the bar is drawn. @default process.stderr */
  readonly stream?: NodeJS.WritableStream;
  /** Stops the import (unsubscribes from `run()`, which cancels it) when this signal aborts. */
  readonly signal?: AbortSignal;
}

/**
 * Imports `source` into a branch while drawing each status tick as a progress bar.
 * @param lakefs - the client
 * @param options - what to import where, and how to draw it
 * @returns the completed status (with the import commit)
 */
export async function runImportDashboard(
  lakefs: LakeFS,
  options: ImportDashboardOptions,
): Promise<ImportStatus> {
  const bar = new SingleBar(
    {
      format: 'importing |{bar}| {value}/{total} objects · {duration}s',
      stream: options.stream ?? process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 1000,
    },
    Presets.shades_classic,
  );
  const expected = options.expectedObjects;
  bar.start(expected ?? 0, 0);
  const ticks = lakefs
    .repository(options.repositoryId)
    .branch(options.branch ?? 'main')
    .importData({ commitMessage: `Import ${options.source}` })
    .prefix(options.source, options.destination ?? 'imported/')
    .run({ pollIntervalMs: options.pollIntervalMs ?? 200 })
    .pipe(
      tap((status) => {
        // Without a known total the bar's end follows the count, so it reads as a live counter.
        if (expected === undefined) bar.setTotal(Math.max(status.ingestedObjects, 1));
        bar.update(status.ingestedObjects);
      }),
    );
  return new Promise<ImportStatus>((resolve, reject) => {
    let last: ImportStatus | undefined;
    const subscription = ticks.subscribe({
      next: (status) => (last = status),
      error: (error: unknown) => {
        bar.stop();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      complete: () => {
        bar.stop();
        if (last) resolve(last);
        else reject(new Error('the import ended without a status'));
      },
    });
    options.signal?.addEventListener('abort', () => {
      subscription.unsubscribe();
      bar.stop();
      reject(new Error('import cancelled'));
    });
  });
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'lakefs-rx-dashboard-'));
  const files = 20_000;
  for (let i = 0; i < files; i++) {
    const dir = join(root, `day-${i % 30}`);
    if (i < 30) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `event-${i}.json`), JSON.stringify({ id: i, at: Date.now() }));
  }
  const server = await startServer({ importRoots: [root] });
  const lakefs = new LakeFS({ endpoint: server.url, ...server.credentials });
  const repositoryId = `dashboard-${Date.now().toString(36)}`;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  try {
    await lastValueFrom(lakefs.repository(repositoryId).create());
    const done = await runImportDashboard(lakefs, {
      repositoryId,
      source: `local://${root}/`,
      destination: 'events/',
      expectedObjects: files,
      signal: stop.signal,
    });
    console.log(`imported ${done.ingestedObjects} objects in commit ${done.commit?.id ?? '?'}`);
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

runIfMain(module, main);
