/**
 * §4 Bulk: many small uploads through the client at concurrency 1, 8 and 32 (`mergeMap` concurrency),
 * with its defaults (`presign: 'auto'`: three requests per upload on a presign-capable server) and with
 * `presign: false` (one request, as raw), next to raw fetch at the same concurrency, rounds interleaved.
 */
import { lastValueFrom, mergeMap, range } from 'rxjs';
import type { LakeFS } from '../src';
import { createBenchRepo, objectPath } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { clientFor, fetchFor } from './support/fetchVariants';
import { log } from './support/log';
import { measure, type Timing } from './support/probe';
import { rawClient, rawRequest, uploadPath, type RawClient } from './support/rawClient';
import { runPool } from './support/stats';
import { summarize, type Summary } from './support/summary';
import type { BenchTarget } from './support/target';

/** Concurrencies measured. */
export const BULK_CONCURRENCY = [1, 8, 32] as const;

/** Size of each small object. */
export const BULK_OBJECT_BYTES = 1024;

/** Arguments of a bulk run (run.ts also runs it against a server with added latency). */
export interface BulkArgs {
  /** @default config.bulkObjects */
  readonly objects?: number;
  /** @default config.rounds */
  readonly rounds?: number;
  /** Latency the server adds to every API request, for the report. @default 0 */
  readonly latencyMs?: number;
}

/** Results of §4. */
export interface BulkResult {
  readonly objects: number;
  readonly latencyMs: number;
  readonly objectBytes: number;
  readonly rows: readonly {
    readonly concurrency: number;
    readonly raw: Summary;
    /** `presign: false`: the same request as raw. */
    readonly client: Summary;
    /** The client's defaults (`presign: 'auto'`). */
    readonly clientDefault: Summary;
  }[];
}

const payload = new Uint8Array(BULK_OBJECT_BYTES).fill(98);

function rawUploads(
  raw: RawClient,
  repo: string,
  prefix: string,
  count: number,
  concurrency: number,
): Promise<void> {
  return runPool(count, concurrency, async (i) => {
    const response = await rawRequest(raw, uploadPath(repo, 'main', objectPath(prefix, i)), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: payload,
    });
    await response.text();
  });
}

function clientUploads(
  lakefs: LakeFS,
  repo: string,
  prefix: string,
  count: number,
  concurrency: number,
): Promise<unknown> {
  const branch = lakefs.repository(repo).branch('main');
  return lastValueFrom(
    range(0, count).pipe(mergeMap((i) => branch.object(objectPath(prefix, i)).upload(payload), concurrency)),
    { defaultValue: undefined },
  );
}

/** Runs §4. */
export async function benchBulk(
  target: BenchTarget,
  config: BenchConfig,
  args: Record<string, unknown> = {},
): Promise<BulkResult> {
  const { objects = config.bulkObjects, rounds = config.rounds, latencyMs = 0 } = args as BulkArgs;
  const lakefs = clientFor(target, 'global');
  const defaults = clientFor(target, 'global', { presign: 'auto' });
  const raw = rawClient(target, fetchFor('global'));
  const repo = await createBenchRepo(target, lakefs, 'bulk');
  await rawUploads(raw, repo.id, 'warm/raw/', 200, 8);
  await clientUploads(lakefs, repo.id, 'warm/client/', 200, 8);
  await clientUploads(defaults, repo.id, 'warm/default/', 200, 8);
  const timings = new Map<string, Timing[]>();
  const record = async (key: string, batch: () => Promise<unknown>): Promise<void> => {
    const timing = await measure(target, batch);
    timings.set(key, [...(timings.get(key) ?? []), timing]);
  };
  for (let round = 0; round < rounds; round++) {
    for (const c of BULK_CONCURRENCY) {
      const prefix = (who: string): string => `r${round}/c${c}/${who}/`;
      const batches: [string, () => Promise<unknown>][] = [
        ['raw', () => rawUploads(raw, repo.id, prefix('raw'), objects, c)],
        ['client', () => clientUploads(lakefs, repo.id, prefix('client'), objects, c)],
        ['default', () => clientUploads(defaults, repo.id, prefix('default'), objects, c)],
      ];
      if (round % 2) batches.reverse();
      for (const [who, batch] of batches) await record(`${c}/${who}`, batch);
    }
    log(`bulk${latencyMs ? ` +${latencyMs} ms` : ''}: round ${round + 1}/${rounds} done`);
  }
  await repo.dispose();
  return {
    objects,
    latencyMs,
    objectBytes: BULK_OBJECT_BYTES,
    rows: BULK_CONCURRENCY.map((concurrency) => ({
      concurrency,
      raw: summarize(timings.get(`${concurrency}/raw`) ?? [], objects),
      client: summarize(timings.get(`${concurrency}/client`) ?? [], objects),
      clientDefault: summarize(timings.get(`${concurrency}/default`) ?? [], objects),
    })),
  };
}
