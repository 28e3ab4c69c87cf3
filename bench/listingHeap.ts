/**
 * Heap while listing: lists a large repository through `ref.objects()` and, as a baseline, through the
 * raw fetch + `JSON.parse` loop, sampling the heap after a full GC at every page, next to the heap one page
 * takes when held on its own. Shows the listing holds about one page whatever its length, and how much of
 * what it holds the raw loop holds too.
 */
import { count, lastValueFrom, map, tap } from 'rxjs';
import type { LakeFS } from '../src';
import { LISTING_PAGE_SIZE } from './listing';
import { createBenchRepo, populate, type PopulateResult } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { clientFor, fetchFor } from './support/fetchVariants';
import { lakefsRx } from './support/lakefsRx';
import { log } from './support/log';
import { forceGc } from './support/memory';
import { qs, rawClient, rawJson, type RawClient } from './support/rawClient';
import { median } from './support/stats';
import type { BenchTarget } from './support/target';

/** Heap figures of one listing, in bytes above the heap before it started. */
export interface HeapTrace {
  /** Highest sample. */
  readonly maxGrowthBytes: number;
  readonly medianGrowthBytes: number;
  /** Median of the samples in each tenth of the listing (shows whether it drifts). */
  readonly growthByTenth: readonly number[];
  /** Least-squares slope of the samples against pages listed: retention per page. */
  readonly bytesPerPageSlope: number;
  readonly samples: number;
  /** Time of the listing, GCs included. */
  readonly listMs: number;
}

/** Results of the heap measurement. */
export interface ListingHeapResult extends HeapTrace {
  readonly objects: number;
  readonly populate: PopulateResult;
  /** Heap used after GC before the client's listing started. */
  readonly baselineHeap: number;
  /** Heap held by one page of 1000 objects (the decoded wire page plus its models), measured alone. */
  readonly onePageBytes: number;
  /** The same trace for the raw loop. */
  readonly raw: HeapTrace;
  /**
   * Heap while `deleteObjects(objects())` deletes every object of a branch with slow (delayed) deletes,
   * sampled as each delete request goes out: the listing pulled (as the client does), and as a baseline
   * the same listing hidden behind `map`, which makes it a plain pushing Observable.
   */
  readonly deleting?: { readonly pulled: HeapTrace; readonly pushed: HeapTrace; readonly delayMs: number };
}

/** Delay added to each delete request, so that a listing that runs ahead has time to. */
const DELETE_DELAY_MS = 5;

/** Deletes the whole branch through `deleteObjects(listing)`, sampling the heap at each delete request. */
function deleteList(target: BenchTarget, repo: string, branch: string, pulled: boolean) {
  return async (sample: (pages: number) => void): Promise<number> => {
    let deletes = 0;
    const slowDeletes: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/objects/delete')) {
        deletes += 1;
        sample(deletes);
        await new Promise((ok) => setTimeout(ok, DELETE_DELAY_MS));
      }
      return fetch(input, init);
    };
    const { LakeFS } = lakefsRx();
    const lakefs = new LakeFS({
      endpoint: target.url,
      accessKeyId: target.accessKeyId,
      secretAccessKey: target.secretAccessKey,
      fetch: slowDeletes,
    });
    const b = lakefs.repository(repo).branch(branch);
    const listing = pulled ? b.objects() : b.objects().pipe(map((row) => row));
    await lastValueFrom(b.deleteObjects(listing), { defaultValue: undefined });
    return deletes * LISTING_PAGE_SIZE;
  };
}

function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** Heap held by one page of 1000 rows on its own (wire objects plus models): what "one page" weighs. */
async function onePageHeap(lakefs: LakeFS, repo: string, ref: string): Promise<number> {
  forceGc();
  const before = process.memoryUsage().heapUsed;
  const page = await lastValueFrom(lakefs.api.listObjects(repo, ref, { amount: LISTING_PAGE_SIZE }));
  const models = page.results.map(lakefsRx().toObjectOrPrefix);
  forceGc();
  const bytes = process.memoryUsage().heapUsed - before;
  // keeps both alive across the second GC
  if (models.length !== LISTING_PAGE_SIZE || page.results.length !== LISTING_PAGE_SIZE)
    throw new Error('short first page');
  return bytes;
}

/**
 * Runs `list`, which calls `sample(pagesDone)` at its sampling points, and traces the heap there.
 * @returns the trace and the heap before the listing
 */
async function trace(
  expected: number,
  list: (sample: (pages: number) => void) => Promise<number>,
): Promise<HeapTrace & { baseline: number }> {
  forceGc();
  const baseline = process.memoryUsage().heapUsed;
  const points: [number, number][] = [];
  const start = performance.now();
  const listed = await list((pages) => {
    forceGc();
    points.push([pages, process.memoryUsage().heapUsed - baseline]);
  });
  const listMs = performance.now() - start;
  if (listed !== expected) throw new Error(`listed ${listed}, expected ${expected}`);
  const growth = points.map(([, bytes]) => bytes);
  const tenth = (i: number): number =>
    median(growth.slice(Math.floor((i * growth.length) / 10), Math.floor(((i + 1) * growth.length) / 10)));
  return {
    baseline,
    maxGrowthBytes: Math.max(...growth),
    medianGrowthBytes: median(growth),
    growthByTenth: Array.from({ length: 10 }, (_, i) => tenth(i)),
    bytesPerPageSlope: slope(points),
    samples: points.length,
    listMs,
  };
}

/** The client's listing, sampled at the first row of each page (just decoded) and its last (page still held). */
function clientList(lakefs: LakeFS, repo: string, ref: string) {
  return (sample: (pages: number) => void): Promise<number> => {
    let index = 0;
    return lastValueFrom(
      lakefs
        .repository(repo)
        .ref(ref)
        .objects()
        .pipe(
          tap(() => {
            index += 1;
            const position = index % LISTING_PAGE_SIZE;
            if (position === 1 || position === 0) sample(index / LISTING_PAGE_SIZE);
          }),
          count(),
        ),
    );
  };
}

/** The raw loop, sampled right after each page is parsed (and again once it was counted). */
function rawList(raw: RawClient, repo: string, ref: string) {
  return async (sample: (pages: number) => void): Promise<number> => {
    let after: string | undefined;
    let rows = 0;
    for (let pages = 1; ; pages++) {
      const query = { amount: LISTING_PAGE_SIZE, ...(after === undefined ? {} : { after }) };
      const page = await rawJson<{
        pagination: { has_more: boolean; next_offset: string };
        results: { path: string }[];
      }>(raw, `/repositories/${repo}/refs/${ref}/objects/ls${qs(query)}`);
      sample(pages - 1 + 1 / LISTING_PAGE_SIZE);
      for (const row of page.results) if (row.path) rows += 1;
      sample(pages);
      if (!page.pagination.has_more) return rows;
      after = page.pagination.next_offset;
    }
  };
}

/** Runs the heap measurement. */
export async function benchListingHeap(target: BenchTarget, config: BenchConfig): Promise<ListingHeapResult> {
  const lakefs = clientFor(target, 'global');
  const repo = await createBenchRepo(target, lakefs, 'heap');
  log(`heap: populating ${config.heapObjects} objects`);
  const populated = await populate(target, repo, {
    count: config.heapObjects,
    onProgress: (n) => n % 100_000 === 0 && log(`heap: ${n} uploaded`),
  });
  log(
    `heap: populated in ${(populated.uploadMs / 1000).toFixed(1)} s, commit ${populated.commitMs.toFixed(0)} ms`,
  );
  const onePageBytes = await onePageHeap(lakefs, repo.id, repo.branch);
  const { baseline, ...client } = await trace(config.heapObjects, clientList(lakefs, repo.id, repo.branch));
  log('heap: client listing traced');
  const raw = rawClient(target, fetchFor('global'));
  const { baseline: _rawBaseline, ...rawTrace } = await trace(
    config.heapObjects,
    rawList(raw, repo.id, repo.branch),
  );
  log('heap: raw listing traced');
  const branches = lakefs.repository(repo.id);
  await lastValueFrom(branches.branch('del-pulled').create(repo.branch));
  await lastValueFrom(branches.branch('del-pushed').create(repo.branch));
  const { baseline: _p, ...pulled } = await trace(
    config.heapObjects,
    deleteList(target, repo.id, 'del-pulled', true),
  );
  log('heap: pulled deletion traced');
  const { baseline: _q, ...pushed } = await trace(
    config.heapObjects,
    deleteList(target, repo.id, 'del-pushed', false),
  );
  log('heap: pushed deletion traced');
  await repo.dispose();
  return {
    objects: config.heapObjects,
    populate: populated,
    baselineHeap: baseline,
    onePageBytes,
    ...client,
    raw: rawTrace,
    deleting: { pulled, pushed, delayMs: DELETE_DELAY_MS },
  };
}
