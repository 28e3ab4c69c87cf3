import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { lastValueFrom } from 'rxjs';
import type { LakeFS } from '../../src';
import { fetchFor } from './fetchVariants';
import { rawClient, rawJson, uploadPath } from './rawClient';
import { runPool } from './stats';
import type { BenchTarget } from './target';

/** A repository made for one benchmark. */
export interface BenchRepo {
  readonly id: string;
  readonly branch: string;
  /** Deletes it on a real lakeFS (the local server's child process simply ends). */
  dispose(): Promise<void>;
}

/**
 * Creates a fresh repository with a `main` branch.
 * @param lakefs - a client for the target
 * @param label - part of the id, to tell runs apart on a shared lakeFS
 */
export async function createBenchRepo(
  target: BenchTarget,
  lakefs: LakeFS,
  label: string,
): Promise<BenchRepo> {
  const id = `bench-${label}-${randomBytes(4).toString('hex')}`;
  await lastValueFrom(lakefs.repository(id).create({ defaultBranch: 'main' }));
  return {
    id,
    branch: 'main',
    dispose: async () => {
      if (target.kind === 'lakefs') await lastValueFrom(lakefs.repository(id).delete({ missingOk: true }));
    },
  };
}

/** The path of the `index`-th populated object: zero-padded so that listing order is index order. */
export const objectPath = (prefix: string, index: number): string =>
  `${prefix}${String(index).padStart(8, '0')}`;

/** Options of {@link populate}. */
export interface PopulateOptions {
  readonly count: number;
  /** @default 32 */
  readonly concurrency?: number;
  /** @default 'data/' */
  readonly prefix?: string;
  /** Commit afterwards with this message. @default 'populate' */
  readonly commitMessage?: string | false;
  /** Called every 10,000 objects. */
  readonly onProgress?: (done: number) => void;
}

/** How long populating took. */
export interface PopulateResult {
  readonly count: number;
  readonly uploadMs: number;
  readonly commitMs: number;
}

/**
 * Fills a branch with `count` small objects by uploads at `concurrency` over keep-alive, then commits.
 * It uses `node:http` directly, the cheapest client Node has, so that populating is bounded by the server
 * and does not depend on the client under test.
 */
export async function populate(
  target: BenchTarget,
  repo: BenchRepo,
  options: PopulateOptions,
): Promise<PopulateResult> {
  const raw = rawClient(target, fetchFor('global'));
  const concurrency = options.concurrency ?? 32;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const prefix = options.prefix ?? 'data/';
  const start = performance.now();
  let done = 0;
  try {
    await runPool(options.count, concurrency, async (index) => {
      const url = raw.apiRoot + uploadPath(repo.id, repo.branch, objectPath(prefix, index));
      await post(url, raw.authorization, agent, `object ${index}\n`);
      if (++done % 10_000 === 0) options.onProgress?.(done);
    });
  } finally {
    agent.destroy();
  }
  const uploadMs = performance.now() - start;
  const commitStart = performance.now();
  if (options.commitMessage !== false) {
    await rawJson(raw, `/repositories/${repo.id}/branches/${repo.branch}/commits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: options.commitMessage ?? 'populate' }),
    });
  }
  return { count: options.count, uploadMs, commitMs: performance.now() - commitStart };
}

function post(url: string, authorization: string, agent: Agent, body: string): Promise<void> {
  return new Promise((ok, fail) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization,
          'content-type': 'application/octet-stream',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          res.statusCode === 201
            ? ok()
            : fail(new Error(`upload ${res.statusCode}: ${Buffer.concat(chunks).toString()}`)),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
