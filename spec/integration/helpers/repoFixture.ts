import { createHash, randomBytes } from 'node:crypto';
import { type Observable, lastValueFrom, toArray } from 'rxjs';
import type { Repository } from '../../../src';
import type { ServerRequestEvent } from '../../../src/server';
import type { TestTarget } from '../../support/testLakeFS';

/** The last value of `source` (the one-shot operations emit exactly one). */
export const run = <T>(source: Observable<T>): Promise<T> => lastValueFrom(source);

/** Every value of `source`. */
export const all = <T>(source: Observable<T>): Promise<T[]> => lastValueFrom(source.pipe(toArray()));

/** Byte equality that works across realms (Jest sandbox vs undici buffers). */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** Hex MD5, the checksum lakeFS's local blockstore records. */
export const md5 = (data: Uint8Array | string): string => createHash('md5').update(data).digest('hex');

/**
 * Creates fresh repositories for a test file and deletes them when it ends.
 * @example const repos = repoFixture(() => target); const repo = await repos.create('label');
 */
export function repoFixture(target: () => TestTarget) {
  const created: Repository[] = [];
  afterAll(async () => {
    for (const repo of created) await run(repo.delete({ missingOk: true })).catch(() => undefined);
  });
  return {
    /** A new repository with its `main` branch and initial commit. */
    async create(label: string, options: { readOnly?: boolean } = {}): Promise<Repository> {
      const repo = target().lakefs.repository(target().repoId(label));
      await run(repo.create(options));
      created.push(repo);
      return repo;
    },
  };
}

/** Records the local server's requests while `body` runs. */
export async function countRequests<T>(
  target: TestTarget,
  body: () => Promise<T>,
): Promise<{ result: T; requests: ServerRequestEvent[] }> {
  const requests: ServerRequestEvent[] = [];
  const record = (e: ServerRequestEvent): void => {
    requests.push(e);
  };
  target.server!.events.on('request', record);
  try {
    return { result: await body(), requests };
  } finally {
    target.server!.events.off('request', record);
  }
}

/** An endless-looking source: `count` random chunks of `size` bytes, hashed as they are produced. */
export function randomChunks(
  count: number,
  size: number,
): { source: AsyncIterable<Uint8Array>; md5: () => string } {
  const hash = createHash('md5');
  let digest: string | undefined;
  async function* generate(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < count; i++) {
      const chunk = randomBytes(size);
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    source: generate(),
    md5: () => {
      if (digest === undefined) throw new Error('source not fully consumed');
      return digest;
    },
  };
}
