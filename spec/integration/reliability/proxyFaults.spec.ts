import { createHash } from 'node:crypto';
import { from, lastValueFrom, mergeMap, toArray } from 'rxjs';
import { type LakeFS, NetworkError, type ObjectInfo } from '../../../src';
import { type FaultProxy, type ProxyFault, startFaultProxy } from '../../support/faultProxy';
import { againstRealLakeFS, itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, failureOf } from './support';

const OBJECTS = 2000;
const CONCURRENCY = 8;
const FAULTS: readonly ProxyFault[] = ['reset-before', 'reset-after', 'unavailable', 'throttle', 'truncate'];

/** Deterministic content of object `i` (33–288 bytes), so a failing run can be replayed. */
const contentOf = (i: number): Buffer =>
  Buffer.concat([createHash('sha256').update(`object ${i}`).digest(), Buffer.alloc(1 + (i % 256), i % 251)]);
const pathOf = (i: number): string => `load/${String(i % 16).padStart(2, '0')}/${i}.bin`;
const md5 = (data: Uint8Array): string => createHash('md5').update(data).digest('hex');

/** Requests per kind and how many of them were resent (beyond one per operation). */
function tally(proxy: FaultProxy): Record<string, { requests: number; faulted: number }> {
  const out: Record<string, { requests: number; faulted: number }> = {};
  for (const r of proxy.requests) {
    const row = (out[r.kind] ??= { requests: 0, faulted: 0 });
    row.requests += 1;
    if (r.fault) row.faulted += 1;
  }
  return out;
}

/**
 * The acceptance run of issue 14 §1: faults come from a proxy between client and server (the server never
 * knows), at 10 % of requests; 2,000 uploads then one commit must land exactly, with no error.
 */
async function uploadsAndCommitThroughProxy(
  target: TestTarget,
  clientPresign: boolean | 'auto',
  label: string,
): Promise<void> {
  const repo = target.lakefs.repository(target.repoId(`proxy-${label}`));
  await lastValueFrom(repo.create());
  const proxy = await startFaultProxy(new URL(target.endpoint).origin, {
    rate: 0.1,
    seed: 14_2026,
    kinds: FAULTS,
    dropCommitAnswers: true,
  });
  try {
    // Presigned URLs name the store — here the server itself, at its own address (it never trusts the Host
    // header). The network between client and store is faulty too: route those requests through the proxy.
    const serverOrigin = new URL(target.endpoint).origin;
    const proxyOrigin = new URL(proxy.url).origin;
    const throughProxy: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      return fetch(url.startsWith(serverOrigin) ? proxyOrigin + url.slice(serverOrigin.length) : url, init);
    };
    const client: LakeFS = target.client({
      endpoint: proxy.url,
      fetch: throughProxy,
      presign: clientPresign,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 200 },
    });
    const main = client.repository(repo.id).branch('main');
    const message = `load ${OBJECTS} objects through faults (${repo.id})`;
    const uploaded = await lastValueFrom(
      from(Array.from({ length: OBJECTS }, (_, i) => i)).pipe(
        mergeMap((i) => main.object(pathOf(i)).upload(contentOf(i)), CONCURRENCY),
        toArray(),
      ),
    );
    const commit = await lastValueFrom(main.commit(message));
    const counts = tally(proxy);
    proxy.configure({ rate: 0 });

    // the faults happened, of every kind, at about the rate asked for
    const faults = proxy.requests.filter((r) => r.fault);
    expect(faults.length).toBeGreaterThan(OBJECTS * 0.08);
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(FAULTS));
    expect(uploaded).toHaveLength(OBJECTS);
    // one commit request, its answer dropped, settled from the branch head
    expect(counts.commit).toEqual({ requests: 1, faulted: 1 });
    const log = await all(repo.branch('main').log());
    expect(log.map((c) => c.message)).toEqual([message, 'Repository created']);
    expect(log[0]?.id).toBe(commit.id);
    expect(await all(repo.branch('main').uncommitted())).toEqual([]);
    // exactly the objects, with their contents
    const listed = (await all(repo.commit(commit.id).objects({ pageSize: 1000 }))) as ObjectInfo[];
    const expected = Array.from({ length: OBJECTS }, (_, i) => ({
      path: pathOf(i),
      checksum: md5(contentOf(i)),
      sizeBytes: contentOf(i).length,
    })).sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(listed.map((o) => ({ path: o.path, checksum: o.checksum, sizeBytes: o.sizeBytes }))).toEqual(
      expected,
    );
    for (let i = 0; i < OBJECTS; i += 199)
      expect(md5(await lastValueFrom(repo.commit(commit.id).object(pathOf(i)).bytes()))).toBe(
        md5(contentOf(i)),
      );
    // the data went the way asked for
    if (clientPresign === true) expect(counts['store PUT']?.requests).toBeGreaterThanOrEqual(OBJECTS);
    else expect(counts['store PUT']).toBeUndefined();
    // resent requests per kind, for the note
    const resent = Object.fromEntries(
      Object.entries(counts).map(([kind, c]) => [kind, `${c.requests} requests, ${c.faulted} faulted`]),
    );
    process.stdout.write(`proxy faults (${label}): ${JSON.stringify(resent)}\n`);
  } finally {
    await proxy.close();
  }
}

describe('faults from outside the server (a proxy between client and server)', () => {
  describe('against a server with presign off', () => {
    let target: TestTarget;
    beforeAll(async () => {
      target = await startTarget({ presign: false });
    });
    afterAll(() => target.close());

    it(
      `lands ${OBJECTS} uploads and one commit under 10 % faults, with no error (direct uploads)`,
      () => uploadsAndCommitThroughProxy(target, 'auto', 'direct'),
      300_000,
    );

    it('settles a merge whose answer was dropped from the destination head', async () => {
      const repo = target.lakefs.repository(target.repoId('proxy-merge'));
      await lastValueFrom(repo.create());
      const side = repo.branch('side');
      await lastValueFrom(side.create('main'));
      await lastValueFrom(side.object('s.txt').upload('side'));
      await lastValueFrom(side.commit('side work'));
      const proxy = await startFaultProxy(new URL(target.endpoint).origin, { dropCommitAnswers: true });
      try {
        const client = target.client({ endpoint: proxy.url });
        const mergeRef = await lastValueFrom(client.repository(repo.id).branch('side').mergeInto('main'));
        expect(proxy.requests.filter((r) => r.kind === 'merge')).toEqual([
          expect.objectContaining({ fault: 'reset-after' }),
        ]);
        expect((await lastValueFrom(repo.branch('main').getCommit())).id).toBe(mergeRef);
      } finally {
        await proxy.close();
      }
    });

    it('resends a string, bytes or a Blob, but says why a one-shot stream is not resent', async () => {
      const repo = target.lakefs.repository(target.repoId('proxy-one-shot'));
      await lastValueFrom(repo.create());
      const proxy = await startFaultProxy(new URL(target.endpoint).origin, {
        rate: 1,
        kinds: ['reset-before'],
      });
      try {
        const main = target
          .client({ endpoint: proxy.url, presign: false, retry: { maxAttempts: 3, baseDelayMs: 1 } })
          .repository(repo.id)
          .branch('main');
        for (const data of ['text', new Uint8Array([1, 2]), new Blob(['blob'])]) {
          proxy.requests.length = 0;
          expect(await failureOf(main.object('x').upload(data))).toBeInstanceOf(NetworkError);
          expect(proxy.requests.filter((r) => r.kind === 'upload')).toHaveLength(3);
        }
        proxy.requests.length = 0;
        const stream = (async function* () {
          yield new TextEncoder().encode('once');
        })();
        const error = await failureOf(main.object('x').upload(stream));
        expect(error).toBeInstanceOf(NetworkError);
        expect((error as Error).message).toMatch(/not resent: the body was a one-shot stream/);
        expect(proxy.requests.filter((r) => r.kind === 'upload')).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    });
  });

  (againstRealLakeFS ? describe.skip : describe)('against a server with presign on', () => {
    let target: TestTarget;
    beforeAll(async () => {
      target = await startTarget({ presign: true });
    });
    afterAll(() => target.close());

    itLocal(
      `lands ${OBJECTS} presigned uploads and one commit under 10 % faults, with no error`,
      () => uploadsAndCommitThroughProxy(target, true, 'presigned'),
      300_000,
    );

    itLocal(
      `lands ${OBJECTS} uploads under 'auto' (small objects go direct) and one commit under 10 % faults`,
      () => uploadsAndCommitThroughProxy(target, 'auto', 'auto'),
      300_000,
    );
  });
});
