import { lastValueFrom } from 'rxjs';
import {
  DecodeError,
  type FetchLike,
  InternalServerError,
  LakeFS,
  type LakeFSError,
  NetworkError,
  ServerError,
  TimeoutError,
} from '../../../src';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, failureOf, on } from './support';

const ENDPOINT = 'http://127.0.0.1:9';

/** A client whose every request is answered by `fetch`, with no retries and a short timeout. */
const clientWith = (fetch: FetchLike): LakeFS =>
  new LakeFS({
    endpoint: ENDPOINT,
    accessKeyId: 'AKIATEST',
    secretAccessKey: 'not-a-secret',
    fetch,
    retry: false,
    timeoutMs: 300,
  });

const json = (body: unknown, status = 200): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** A body that delivers some bytes, then fails. */
const breakingBody = (): ReadableStream<Uint8Array> =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"pagination":'));
      controller.error(new TypeError('terminated'));
    },
  });

/** A fetch that answers, returning a body that never ends (honouring the abort signal). */
const endlessBody: FetchLike = (_url, init) =>
  Promise.resolve(
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{'));
          init?.signal?.addEventListener('abort', () =>
            controller.error(new DOMException('aborted', 'AbortError')),
          );
        },
      }),
      { status: 200 },
    ),
  );

const GARBAGE: readonly [string, FetchLike, new (...args: never[]) => LakeFSError][] = [
  ['a body that is not JSON', () => Promise.resolve(json('<html>hello</html>')), DecodeError],
  ['an empty body', () => Promise.resolve(new Response('', { status: 200 })), DecodeError],
  ['JSON of the wrong shape', () => Promise.resolve(json({ results: 5 })), DecodeError],
  [
    'JSON with a wrongly typed field',
    () => Promise.resolve(json({ pagination: { has_more: 'yes' }, results: [] })),
    DecodeError,
  ],
  ['JSON null', () => Promise.resolve(json('null')), DecodeError],
  [
    'a body that breaks off',
    () => Promise.resolve(new Response(breakingBody(), { status: 200 })),
    NetworkError,
  ],
  [
    'an HTML error page',
    () => Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 })),
    InternalServerError,
  ],
  ['an unknown status', () => Promise.resolve(json({ message: 'teapot' }, 418)), ServerError],
  ['a rejected fetch', () => Promise.reject(new TypeError('fetch failed')), NetworkError],
  [
    'a fetch that throws synchronously',
    () => {
      throw new TypeError('bad fetch');
    },
    NetworkError,
  ],
  ['a fetch that resolves to a non-Response', () => Promise.resolve({} as Response), NetworkError],
  ['a fetch that resolves to null', () => Promise.resolve(null as unknown as Response), NetworkError],
  ['a fetch that never settles', () => new Promise<Response>(() => undefined), TimeoutError],
];

describe('malformed answers from an injected fetch', () => {
  for (const [name, fetch, errorClass] of GARBAGE) {
    it(`${name} fails with ${errorClass.name}, in time`, async () => {
      const started = performance.now();
      const error = await failureOf(clientWith(fetch).repositories());
      expect(error).toBeInstanceOf(errorClass);
      expect(performance.now() - started).toBeLessThan(3000);
    });
  }

  it('a DecodeError names the failing field', async () => {
    const error = await failureOf(
      clientWith(() =>
        Promise.resolve(json({ pagination: { has_more: 'yes' }, results: [] })),
      ).repositories(),
    );
    expect((error as DecodeError).fieldPath).toBe('pagination.has_more');
  });

  it('a body that never ends fails with an idle-body TimeoutError', async () => {
    const client = new LakeFS({
      endpoint: ENDPOINT,
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'not-a-secret',
      fetch: endlessBody,
      retry: false,
      idleTimeoutMs: 200,
    });
    const error = await failureOf(client.repository('some-repo').branch('main').object('a').bytes());
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('idle-body');
  });

  it('a malformed answer to a commit is a DecodeError and the commit is not sent again', async () => {
    let calls = 0;
    const client = new LakeFS({
      endpoint: ENDPOINT,
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'not-a-secret',
      // the branch head (read first, to settle a lost answer) is well formed; the commit's answer is not
      fetch: (_url, init) => {
        if (init?.method === 'GET') return Promise.resolve(json({ id: 'main', commit_id: 'c0' }));
        calls += 1;
        return Promise.resolve(json({ id: 42 }, 201));
      },
      retry: { maxAttempts: 5, baseDelayMs: 1 },
    });
    const error = await failureOf(client.repository('some-repo').branch('main').commit('m'));
    expect(error).toBeInstanceOf(DecodeError);
    expect(calls).toBe(1);
  });
});

describe('truncated and stalled answers from the local server', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(() => target.close());

  async function repoWithObject(): Promise<{ client: LakeFS; repoId: string }> {
    const repoId = target.repoId('truncated');
    await lastValueFrom(target.lakefs.repository(repoId).create());
    await lastValueFrom(
      target.lakefs
        .repository(repoId)
        .branch('main')
        .object('big.bin')
        .upload(new Uint8Array(1 << 20).fill(7)),
    );
    return { client: target.client({ retry: false, idleTimeoutMs: 300, timeoutMs: 300 }), repoId };
  }

  itLocal('a truncated object body is a NetworkError, never a short object', async () => {
    const { client, repoId } = await repoWithObject();
    target.server!.faults.inject('truncate', {
      match: on('GET', `/api/v1/repositories/${repoId}/refs/main/objects`),
    });
    const error = await failureOf(client.repository(repoId).branch('main').object('big.bin').bytes());
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).beforeResponse).toBe(false);
  });

  itLocal(
    'a truncated branch-creation answer is a NetworkError (the branch exists: it is not retried)',
    async () => {
      const { client, repoId } = await repoWithObject();
      target.server!.faults.inject('truncate', {
        match: on('POST', `/api/v1/repositories/${repoId}/branches`),
      });
      expect(await failureOf(client.repository(repoId).branch('dev').create('main'))).toBeInstanceOf(
        NetworkError,
      );
    },
  );

  itLocal('a JSON answer that stalls halfway is an idle-body TimeoutError', async () => {
    const { client, repoId } = await repoWithObject();
    target.server!.faults.inject('stall', {
      match: on('GET', `/api/v1/repositories/${repoId}/refs/main/objects/ls`),
    });
    const error = await failureOf(client.repository(repoId).branch('main').objects());
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('idle-body');
  });

  itLocal(
    'an object body that stalls halfway is an idle-body TimeoutError after the first chunks',
    async () => {
      const { client, repoId } = await repoWithObject();
      target.server!.faults.inject('stall', {
        match: on('GET', `/api/v1/repositories/${repoId}/refs/main/objects`),
      });
      let received = 0;
      const error = await failureOf(
        new Promise<void>((resolve, reject) =>
          client
            .repository(repoId)
            .branch('main')
            .object('big.bin')
            .read()
            .subscribe({ next: (c) => (received += c.byteLength), error: reject, complete: resolve }),
        ),
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).phase).toBe('idle-body');
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(1 << 20);
    },
  );

  itLocal('after all of that, the repository holds only what was written before', async () => {
    const { client, repoId } = await repoWithObject();
    target.server!.faults.inject('truncate', {
      count: 3,
      match: on('GET', `/api/v1/repositories/${repoId}/`),
    });
    await failureOf(client.repository(repoId).branch('main').objects());
    expect((await all(target.lakefs.repository(repoId).branch('main').objects())).map((o) => o.path)).toEqual(
      ['big.bin'],
    );
  });
});
