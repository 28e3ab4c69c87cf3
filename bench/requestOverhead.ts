/**
 * §2 Per-request overhead: `stat()` calls against raw fetch of the same endpoint (same query), one at a
 * time and 16 at a time, for each fetch implementation, rounds interleaved.
 */
import { lastValueFrom, mergeMap, range, type Observable } from 'rxjs';
import type { LakeFS } from '../src';
import { createBenchRepo } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { FETCH_VARIANTS, type FetchVariant, clientFor, fetchFor } from './support/fetchVariants';
import { log } from './support/log';
import { measure, type Timing } from './support/probe';
import { qs, rawClient, rawJson, rawRequest, uploadPath, type RawClient } from './support/rawClient';
import { runPool } from './support/stats';
import { summarize, type Summary } from './support/summary';
import type { BenchTarget } from './support/target';

/** Concurrencies measured. */
export const OVERHEAD_CONCURRENCY = [1, 16] as const;

const STAT_PATH = 'stat/target.txt';

/** One concurrency's figures per fetch implementation. */
export interface OverheadRow {
  readonly concurrency: number;
  readonly variants: Readonly<
    Record<
      FetchVariant,
      {
        readonly raw: Summary;
        /** Raw fetch given a fresh `AbortSignal` per call, as any client that can cancel must. */
        readonly rawSignal: Summary;
        readonly client: Summary;
      }
    >
  >;
}

/** Results of §2. */
export interface OverheadResult {
  readonly calls: number;
  readonly rows: readonly OverheadRow[];
}

function rawStats(
  raw: RawClient,
  repo: string,
  ref: string,
  calls: number,
  concurrency: number,
  withSignal = false,
): Promise<void> {
  const path = `/repositories/${repo}/refs/${ref}/objects/stat${qs({ path: STAT_PATH, user_metadata: true })}`;
  return runPool(calls, concurrency, () =>
    rawJson(raw, path, withSignal ? { signal: new AbortController().signal } : {}),
  );
}

function clientStats(
  lakefs: LakeFS,
  repo: string,
  ref: string,
  calls: number,
  concurrency: number,
): Promise<unknown> {
  const object = lakefs.repository(repo).ref(ref).object(STAT_PATH);
  const all: Observable<unknown> = range(0, calls).pipe(mergeMap(() => object.stat(), concurrency));
  return lastValueFrom(all, { defaultValue: undefined });
}

/** Runs §2. */
export async function benchRequestOverhead(
  target: BenchTarget,
  config: BenchConfig,
): Promise<OverheadResult> {
  const setup = clientFor(target, 'global');
  const repo = await createBenchRepo(target, setup, 'stat');
  const seed = rawClient(target, fetchFor('global'));
  await (
    await rawRequest(seed, uploadPath(repo.id, repo.branch, STAT_PATH), { method: 'POST', body: 'hello\n' })
  ).text();
  const sides = FETCH_VARIANTS.map((variant) => ({
    variant,
    raw: rawClient(target, fetchFor(variant)),
    client: clientFor(target, variant),
  }));
  for (const side of sides) {
    await rawStats(side.raw, repo.id, repo.branch, 200, 16);
    await clientStats(side.client, repo.id, repo.branch, 200, 16);
  }
  const timings = new Map<string, Timing[]>();
  const record = async (key: string, batch: () => Promise<unknown>): Promise<void> => {
    const timing = await measure(target, batch);
    timings.set(key, [...(timings.get(key) ?? []), timing]);
  };
  for (let round = 0; round < config.rounds; round++) {
    for (const concurrency of OVERHEAD_CONCURRENCY) {
      for (const side of sides) {
        const rawBatch = (): Promise<unknown> =>
          rawStats(side.raw, repo.id, repo.branch, config.statCalls, concurrency);
        const rawSignalBatch = (): Promise<unknown> =>
          rawStats(side.raw, repo.id, repo.branch, config.statCalls, concurrency, true);
        const clientBatch = (): Promise<unknown> =>
          clientStats(side.client, repo.id, repo.branch, config.statCalls, concurrency);
        const key = `${concurrency}/${side.variant}`;
        const batches: [string, () => Promise<unknown>][] = [
          [`${key}/raw`, rawBatch],
          [`${key}/rawSignal`, rawSignalBatch],
          [`${key}/client`, clientBatch],
        ];
        if (round % 2) batches.reverse();
        for (const [name, batch] of batches) await record(name, batch);
      }
    }
    log(`overhead: round ${round + 1}/${config.rounds} done`);
  }
  await repo.dispose();
  const summary = (key: string): Summary => summarize(timings.get(key) ?? [], config.statCalls);
  const rows = OVERHEAD_CONCURRENCY.map((concurrency) => {
    const pick = (variant: FetchVariant): { raw: Summary; rawSignal: Summary; client: Summary } => ({
      raw: summary(`${concurrency}/${variant}/raw`),
      rawSignal: summary(`${concurrency}/${variant}/rawSignal`),
      client: summary(`${concurrency}/${variant}/client`),
    });
    return { concurrency, variants: { global: pick('global'), 'cross-fetch': pick('cross-fetch') } };
  });
  return { calls: config.statCalls, rows };
}
