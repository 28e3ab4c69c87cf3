/**
 * The client's own CPU cost, without a network: real server answers (a `stat` and a page of 1000
 * objects) are recorded once, then replayed by an in-memory fetch to the client and to the raw loop.
 * Nothing else runs, so the figures do not move with the server or with other load on the machine:
 * they are what lakefs-rx adds per call and per listed object.
 */
import { count, lastValueFrom, mergeMap, range } from 'rxjs';
import type { FetchLike } from '../src/http/types';
import { createBenchRepo, populate } from './support/benchRepo';
import type { BenchConfig } from './support/config';
import { clientFor, fetchFor } from './support/fetchVariants';
import { LISTING_PAGE_SIZE } from './listing';
import { lakefsRx } from './support/lakefsRx';
import { qs, rawClient, rawRequest } from './support/rawClient';
import { median } from './support/stats';
import type { BenchTarget } from './support/target';

/** CPU µs per operation, raw against client, replayed from memory. */
export interface ClientCostPair {
  readonly raw: number;
  readonly client: number;
}

/** Results of the in-memory measurement. */
export interface ClientCostResult {
  /** Per `stat()` call. */
  readonly stat: ClientCostPair;
  /** Per listed object (pages of 1000). */
  readonly listing: ClientCostPair;
  readonly rounds: number;
}

const STAT_CALLS = 5_000;
const PAGES = 20;

interface Recorded {
  readonly body: string;
  readonly headers: Record<string, string>;
}

async function record(response: Response): Promise<Recorded> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  return { body: await response.text(), headers };
}

/** An in-memory fetch answering every request with `answer`. */
const replay =
  (answer: Recorded): FetchLike =>
  async () =>
    new Response(answer.body, { status: 200, headers: answer.headers });

async function cpuPerOp(rounds: number, ops: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / ops);
  }
  return median(samples);
}

/** Runs the in-memory measurement (records its two answers from `target` first). */
export async function benchClientCost(target: BenchTarget, config: BenchConfig): Promise<ClientCostResult> {
  const setup = clientFor(target, 'global');
  const repo = await createBenchRepo(target, setup, 'cost');
  await populate(target, repo, { count: LISTING_PAGE_SIZE, commitMessage: false });
  const raw = rawClient(target, fetchFor('global'));
  const path = 'data/00000001';
  const statAnswer = await record(
    await rawRequest(
      raw,
      `/repositories/${repo.id}/refs/main/objects/stat${qs({ path, user_metadata: true })}`,
    ),
  );
  const pageAnswer = await record(
    await rawRequest(
      raw,
      `/repositories/${repo.id}/refs/main/objects/ls${qs({ amount: LISTING_PAGE_SIZE })}`,
    ),
  );
  await repo.dispose();
  // one page with has_more false, so that a listing of it is one request
  const lastPage = JSON.parse(pageAnswer.body) as { pagination: { has_more: boolean; next_offset: string } };
  lastPage.pagination = { ...lastPage.pagination, has_more: false, next_offset: '' };
  const onePage: Recorded = { ...pageAnswer, body: `${JSON.stringify(lastPage)}\n` };

  const { LakeFS } = lakefsRx();
  const options = {
    endpoint: target.url,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
  };
  const auth = { authorization: rawClient(target, fetchFor('global')).authorization };
  const rounds = Math.max(5, config.rounds);

  const rawStat = replay(statAnswer);
  const statClient = new LakeFS({ ...options, fetch: replay(statAnswer) });
  const object = statClient.repository(repo.id).ref('main').object(path);
  const stat = {
    raw: await cpuPerOp(rounds, STAT_CALLS, async () => {
      for (let i = 0; i < STAT_CALLS; i++)
        JSON.parse(await (await rawStat('http://replay/', { headers: auth })).text());
    }),
    client: await cpuPerOp(rounds, STAT_CALLS, () =>
      lastValueFrom(range(0, STAT_CALLS).pipe(mergeMap(() => object.stat(), 1))),
    ),
  };

  const rawPage = replay(onePage);
  const listClient = new LakeFS({ ...options, fetch: replay(onePage) });
  const ref = listClient.repository(repo.id).ref('main');
  const objects = PAGES * LISTING_PAGE_SIZE;
  const listing = {
    raw: await cpuPerOp(rounds, objects, async () => {
      for (let i = 0; i < PAGES; i++) {
        const page = JSON.parse(await (await rawPage('http://replay/', { headers: auth })).text()) as {
          results: unknown[];
        };
        if (page.results.length !== LISTING_PAGE_SIZE) throw new Error('short page');
      }
    }),
    client: await cpuPerOp(rounds, objects, () =>
      lastValueFrom(range(0, PAGES).pipe(mergeMap(() => ref.objects().pipe(count()), 1))),
    ),
  };
  return { stat, listing, rounds };
}
