import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject, filter, firstValueFrom, lastValueFrom, reduce, take } from 'rxjs';
import type { UploadEvent } from '../../src';
import type { ServerRequestEvent } from '../../src/server';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { repoFixture, run } from './helpers/repoFixture';

const MiB = 1024 * 1024;

/** A deterministic source of `total` bytes in 1 MiB chunks that records how far it was pulled. */
function source(total: number): { data: AsyncIterable<Uint8Array>; pulled: () => number; md5: () => string } {
  const hash = createHash('md5');
  let pulled = 0;
  async function* generate(): AsyncGenerator<Uint8Array> {
    for (let offset = 0; offset < total; offset += MiB) {
      const chunk = new Uint8Array(Math.min(MiB, total - offset));
      const seed = offset / MiB;
      for (let i = 0; i < chunk.length; i += 4096) chunk[i] = (seed * 31 + i) & 0xff;
      hash.update(chunk);
      pulled += chunk.length;
      yield chunk;
    }
  }
  return { data: generate(), pulled: () => pulled, md5: () => hash.digest('hex') };
}

const isPmpu = (e: ServerRequestEvent): boolean => e.url.includes('/staging/pmpu');
const isComplete = (e: ServerRequestEvent): boolean =>
  e.method === 'PUT' && /\/staging\/pmpu\/[^/?]+\?/.test(e.url) && !e.url.includes('/parts/');

describe('presigned multipart upload (local server with presign)', () => {
  let target: TestTarget;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'i18-pmpu-'));
    target = await startTarget({ presign: true, dataDir });
  });
  afterAll(async () => {
    await target.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const repos = repoFixture(() => target);
  afterEach(() => target.server?.faults.clear());

  itLocal('is chosen by size when the server advertises it, with progress per part', async () => {
    expect((await run(target.lakefs.storageConfig())).preSignMultipartUpload).toBe(true);
    const repo = await repos.create('pmpu-small');
    const data = new Uint8Array(12 * MiB).map((_, i) => i % 251);
    const requests: ServerRequestEvent[] = [];
    const record = (e: ServerRequestEvent): void => void requests.push(e);
    target.server!.events.on('request', record);
    const events = await lastValueFrom(
      repo
        .branch('main')
        .object('big.bin')
        .upload(data, {
          reportProgress: true,
          multipart: { partSizeBytes: 5 * MiB, thresholdBytes: 10 * MiB },
        })
        .pipe(reduce((all: UploadEvent[], e) => [...all, e], [])),
    );
    target.server!.events.off('request', record);
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    expect(progress).toHaveLength(3);
    expect(progress[2]).toMatchObject({ loaded: 12 * MiB, total: 12 * MiB });
    const done = events[events.length - 1];
    expect(done?.type === 'done' && done.object.sizeBytes).toBe(12 * MiB);
    expect(requests.filter(isComplete)).toHaveLength(1);
    expect(requests.filter((e) => e.method === 'PUT' && e.url.startsWith('/_presigned/'))).toHaveLength(3);
    const back = await run(repo.branch('main').object('big.bin').bytes());
    expect(createHash('md5').update(back).digest('hex')).toBe(createHash('md5').update(data).digest('hex'));
  });

  itLocal(
    'uploads 256 MiB with 4 parts in flight under injected faults: every part retried, completed once, memory bounded',
    async () => {
      const repo = await repos.create('pmpu-large');
      const total = 256 * MiB;
      const partSize = 8 * MiB;
      const src = source(total);
      const requests: ServerRequestEvent[] = [];
      const record = (e: ServerRequestEvent): void => void requests.push(e);
      const server = target.server!;
      server.events.on('request', record);
      // the first attempt of every part's PUT fails, with a 503 for odd parts and a reset connection for even
      // ones, so each part is retried; three part-URL requests to the lakeFS API fail with 503 as well
      const partOf = (path: string): number => {
        const grant = Buffer.from(path.slice('/_presigned/'.length), 'base64url').toString('utf8');
        return Number(/\.part-(\d+)"/.exec(grant)?.[1] ?? NaN);
      };
      const firstAttempt = (parity: number) => {
        const seen = new Set<string>();
        return (method: string, path: string): boolean => {
          if (
            method !== 'PUT' ||
            !path.startsWith('/_presigned/') ||
            partOf(path) % 2 !== parity ||
            seen.has(path)
          )
            return false;
          seen.add(path);
          return true;
        };
      };
      server.faults.inject('unavailable', { count: 16, match: firstAttempt(1) });
      server.faults.inject('reset-before', { count: 16, match: firstAttempt(0) });
      server.faults.inject('unavailable', {
        count: 3,
        match: (m, p) => m === 'PUT' && p.includes('/parts/'),
      });
      let maxAhead = 0;
      const events = await lastValueFrom(
        repo
          .branch('main')
          .object('large.bin')
          .upload(src.data, { reportProgress: true, multipart: { partSizeBytes: partSize, concurrency: 4 } })
          .pipe(
            reduce((last: UploadEvent | undefined, e) => {
              if (e.type === 'progress') maxAhead = Math.max(maxAhead, src.pulled() - e.loaded);
              return e;
            }, undefined),
          ),
      );
      server.events.off('request', record);
      expect(events?.type).toBe('done');
      expect(events?.type === 'done' && events.object.sizeBytes).toBe(total);
      const partPuts = requests.filter((e) => e.method === 'PUT' && e.url.startsWith('/_presigned/'));
      expect(partPuts).toHaveLength(32 + 32);
      expect(server.faults.injected.get('unavailable')).toBe(16 + 3);
      expect(server.faults.injected.get('reset-before')).toBe(16);
      expect(requests.filter(isComplete)).toHaveLength(1);
      // read ahead of what the server acknowledged: never more than the parts in flight plus the one being filled
      expect(maxAhead).toBeLessThanOrEqual(5 * partSize);
      const back = await lastValueFrom(
        repo
          .branch('main')
          .object('large.bin')
          .read()
          .pipe(reduce((h, chunk: Uint8Array) => h.update(chunk), createHash('md5'))),
      );
      expect(back.digest('hex')).toBe(src.md5());
    },
  );

  itLocal('aborts the upload on the server when unsubscribed', async () => {
    const repo = await repos.create('pmpu-abort');
    const src = source(64 * MiB);
    const aborted = new Subject<ServerRequestEvent>();
    const record = (e: ServerRequestEvent): void => {
      if (e.method === 'DELETE' && isPmpu(e)) aborted.next(e);
    };
    target.server!.events.on('request', record);
    const abortSeen = firstValueFrom(aborted);
    const firstPart = firstValueFrom(
      repo
        .branch('main')
        .object('never.bin')
        .upload(src.data, { reportProgress: true, multipart: { partSizeBytes: 5 * MiB, concurrency: 2 } })
        .pipe(
          filter((e) => e.type === 'progress'),
          take(1),
        ),
    );
    await firstPart; // take(1) unsubscribes from the upload here
    const abort = await abortSeen;
    target.server!.events.off('request', record);
    const uploadPath = abort.url.split('?')[0] ?? '';
    // the server knows the upload no more: aborting it again is 404
    const again = await fetch(`${target.endpoint}${uploadPath}?path=never.bin`, {
      method: 'DELETE',
      headers: {
        authorization: `Basic ${Buffer.from(`${target.credentials.accessKeyId}:${target.credentials.secretAccessKey}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ physical_address: 'x' }),
    });
    expect(again.status).toBe(404);
    await expect(run(repo.branch('main').object('never.bin').exists())).resolves.toBe(false);
    expect(src.pulled()).toBeLessThan(64 * MiB);
  });
});
