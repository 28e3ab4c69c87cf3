/**
 * §1 Listing: `ref.objects()` against a hand-written loop of fetch + `JSON.parse` over the same pages
 * (amount = 1000), for each fetch implementation, rounds interleaved so that both sides see the same
 * machine load.
 */
import { count, lastValueFrom } from 'rxjs';
import type { LakeFS } from '../src';
import { createBenchRepo, populate, type PopulateResult } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { FETCH_VARIANTS, type FetchVariant, clientFor, fetchFor } from './support/fetchVariants';
import { log } from './support/log';
import { measure, type Timing } from './support/probe';
import { type RawClient, qs, rawClient, rawJson } from './support/rawClient';
import { summarize, type Summary } from './support/summary';
import type { BenchTarget } from './support/target';

/** Page size used by both sides: the server maximum, and the client's default. */
export const LISTING_PAGE_SIZE = 1000;

/** Results of §1. */
export interface ListingResult {
  readonly objects: number;
  readonly populate: PopulateResult;
  readonly variants: Readonly<Record<FetchVariant, { readonly raw: Summary; readonly client: Summary }>>;
}

interface WirePage {
  readonly pagination: { readonly has_more: boolean; readonly next_offset: string };
  readonly results: readonly unknown[];
}

/** The baseline: follow `next_offset` with raw requests, parse each page, count the rows. */
export async function rawListing(
  raw: RawClient,
  repo: string,
  ref: string,
  limit = Infinity,
): Promise<number> {
  let after: string | undefined;
  let rows = 0;
  for (;;) {
    const query = { amount: LISTING_PAGE_SIZE, ...(after === undefined ? {} : { after }) };
    const page = await rawJson<WirePage>(raw, `/repositories/${repo}/refs/${ref}/objects/ls${qs(query)}`);
    rows += page.results.length;
    if (!page.pagination.has_more || rows >= limit) return rows;
    after = page.pagination.next_offset;
  }
}

/** The client under test: the whole listing through `ref.objects()`, counted without holding it. */
export function clientListing(
  lakefs: LakeFS,
  repo: string,
  ref: string,
  maxAmount?: number,
): Promise<number> {
  const options = maxAmount === undefined ? {} : { maxAmount };
  return lastValueFrom(lakefs.repository(repo).ref(ref).objects(options).pipe(count()));
}

/** Runs §1. */
export async function benchListing(target: BenchTarget, config: BenchConfig): Promise<ListingResult> {
  const setup = clientFor(target, 'global');
  const repo = await createBenchRepo(target, setup, 'ls');
  log(`listing: populating ${config.listingObjects} objects`);
  const populated = await populate(target, repo, {
    count: config.listingObjects,
    onProgress: (n) => log(`listing: ${n} uploaded`),
  });
  log(
    `listing: populated in ${(populated.uploadMs / 1000).toFixed(1)} s, commit ${populated.commitMs.toFixed(0)} ms`,
  );
  const sides = FETCH_VARIANTS.map((variant) => {
    const raw = rawClient(target, fetchFor(variant));
    const lakefs = clientFor(target, variant);
    return {
      variant,
      raw: () => rawListing(raw, repo.id, repo.branch),
      client: () => clientListing(lakefs, repo.id, repo.branch),
      warm: async () => {
        await rawListing(raw, repo.id, repo.branch, 10 * LISTING_PAGE_SIZE);
        await clientListing(lakefs, repo.id, repo.branch, 10 * LISTING_PAGE_SIZE);
      },
    };
  });
  for (const side of sides) await side.warm();
  const timings = new Map<string, Timing[]>();
  const record = async (key: string, run: () => Promise<number>): Promise<void> => {
    let rows = 0;
    const timing = await measure(target, async () => (rows = await run()));
    if (rows !== config.listingObjects)
      throw new Error(`${key} listed ${rows} rows, expected ${config.listingObjects}`);
    timings.set(key, [...(timings.get(key) ?? []), timing]);
  };
  for (let round = 0; round < config.rounds; round++) {
    for (const side of sides) {
      // alternate which side goes first, so that neither always runs on a warmer or quieter machine
      const order = round % 2 ? (['client', 'raw'] as const) : (['raw', 'client'] as const);
      for (const who of order) await record(`${side.variant}/${who}`, side[who]);
    }
    log(`listing: round ${round + 1}/${config.rounds} done`);
  }
  await repo.dispose();
  const pick = (variant: FetchVariant): { raw: Summary; client: Summary } => ({
    raw: summarize(timings.get(`${variant}/raw`) ?? [], config.listingObjects),
    client: summarize(timings.get(`${variant}/client`) ?? [], config.listingObjects),
  });
  return {
    objects: config.listingObjects,
    populate: populated,
    variants: { global: pick('global'), 'cross-fetch': pick('cross-fetch') },
  };
}
