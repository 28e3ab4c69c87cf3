import { inspect } from 'node:util';
import { type Observable, lastValueFrom } from 'rxjs';
import { type FetchLike, LakeFS, LakeFSError } from '../../../src';
import { againstRealLakeFS, startTarget, type TestTarget } from '../../support/testLakeFS';

/** Every way an object can be turned into text by a careless caller or a logger. */
function renderings(value: unknown): string[] {
  const out = [
    String(value),
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: 2 }),
  ];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch (error) {
    out.push(String(error));
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '');
    // the whole cause chain
    for (let cause: unknown = value.cause, depth = 0; cause !== undefined && depth < 10; depth++) {
      out.push(...renderings(cause));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return out;
}

/** The secrets of `lakefs`'s credentials as they could appear in text: raw, and inside a Basic header. */
const secretForms = (accessKeyId: string, secret: string): string[] => [
  secret,
  Buffer.from(`${accessKeyId}:${secret}`).toString('base64'),
];

/** Fails listing every rendering of every value that contains one of `secrets`. */
function expectNoSecrets(values: Record<string, unknown>, secrets: readonly string[]): void {
  const leaks: string[] = [];
  for (const [name, value] of Object.entries(values))
    for (const text of renderings(value))
      for (const secret of secrets)
        if (text.includes(secret)) leaks.push(`${name} shows ${secret.slice(0, 4)}…`);
  expect([...new Set(leaks)]).toEqual([]);
}

/** The error `source` fails with (or a marker when it does not fail). */
const errorOf = (source: Observable<unknown>): Promise<unknown> =>
  lastValueFrom(source).then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );

(againstRealLakeFS ? describe.skip : describe)('credentials never leak', () => {
  let target: TestTarget;
  let secrets: string[];
  beforeAll(async () => {
    target = await startTarget({ importRoots: [] });
    const { accessKeyId, secretAccessKey } = target.credentials;
    secrets = [...secretForms(accessKeyId, secretAccessKey), accessKeyId];
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(() => target.close());

  it('from handles: LakeFS, Repository, Branch, Reference, Tag, StoredObject, WriteableObject, ImportManager', () => {
    const lakefs = target.client({ sessionToken: 'SESSION-TOKEN-0123456789' });
    const repo = lakefs.repository('some-repo');
    expectNoSecrets(
      {
        lakefs,
        repo,
        branch: repo.branch('main'),
        reference: repo.ref('main~1'),
        commit: repo.commit('abc123'),
        tag: repo.tag('v1'),
        stored: repo.ref('v1').object('a.txt'),
        writeable: repo.branch('main').object('a.txt'),
        importer: repo.branch('main').importData().prefix('local:///data/', 'in/'),
        api: lakefs.api,
        context: lakefs.context,
      },
      [...secrets, 'SESSION-TOKEN-0123456789'],
    );
  });

  it('from every error of a representative run, with a key pair, a token, a wrong key and a wrong token', async () => {
    const good = target.client({ retry: { maxAttempts: 2, baseDelayMs: 1 }, timeoutMs: 300 });
    const repo = good.repository(target.repoId('leaks'));
    await lastValueFrom(repo.create());
    const main = repo.branch('main');
    await lastValueFrom(main.object('a.txt').upload('a'));
    await lastValueFrom(main.commit('a'));
    await lastValueFrom(repo.branch('side').create('main'));
    await lastValueFrom(repo.branch('side').object('a.txt').upload('side'));
    await lastValueFrom(repo.branch('side').commit('side'));
    await lastValueFrom(main.object('a.txt').upload('main'));
    await lastValueFrom(main.commit('main'));
    await lastValueFrom(repo.tag('v1').create('main'));

    // A client that logged in: the token it holds must not leak either.
    let token = '';
    const recordingFetch: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      if (url.endsWith('/auth/login') && response.ok)
        token = ((await response.clone().json()) as { token: string }).token;
      return response;
    };
    const tokenClient = target.client({ fetch: recordingFetch, retry: false });
    await lastValueFrom(tokenClient.login());
    expect(token.length).toBeGreaterThan(10);

    const wrongKey = target.client({ secretAccessKey: 'WRONG-SECRET-abcdefghijklmnop', retry: false });
    const wrongToken = target.client({ sessionToken: 'WRONG-TOKEN-abcdefghijklmnop', retry: false });
    const unreachable = target.client({ endpoint: 'http://127.0.0.1:9', retry: false });

    const errors: Record<string, unknown> = {
      'wrong key: list': await errorOf(wrongKey.repositories()),
      'wrong key: login': await errorOf(wrongKey.login()),
      'wrong key: upload': await errorOf(wrongKey.repository(repo.id).branch('main').object('x').upload('x')),
      'wrong token: list': await errorOf(wrongToken.repositories()),
      'wrong token: read': await errorOf(
        wrongToken.repository(repo.id).branch('main').object('a.txt').text(),
      ),
      'token: missing repository': await errorOf(tokenClient.repository('no-such-repo').properties()),
      'token: missing object': await errorOf(
        tokenClient.repository(repo.id).branch('main').object('nope').text(),
      ),
      'missing branch': await errorOf(repo.branch('nope').commit('m')),
      'no changes': await errorOf(main.commit('nothing')),
      'branch exists': await errorOf(repo.branch('side').create('main')),
      'merge conflict': await errorOf(repo.branch('side').mergeInto('main')),
      'bad range': await errorOf(main.object('a.txt').bytes({ range: { start: 100 } })),
      validation: await errorOf(repo.branch('bad/branch').commit('m')),
      'transaction with a taken tag': await errorOf(
        main.transact(() => main.object('t.txt').upload('t'), { tag: 'v1' }),
      ),
      import: await errorOf(main.importData().prefix('local:///tmp/', 'in/').run()),
      'connection refused': await errorOf(unreachable.repositories()),
      'not configured login': await errorOf(
        new LakeFS({ endpoint: target.endpoint, sessionToken: 'a-token' }, [], {}).login(),
      ),
    };
    // timeouts of a GET are retried: every attempt hangs
    target.server!.faults.inject('hang', {
      count: 5,
      match: (m, p) => m === 'GET' && p.endsWith('/objects/ls'),
    });
    errors.timeout = await errorOf(main.objects());
    target.server!.faults.inject('truncate', {
      count: 5,
      match: (m, p) => m === 'GET' && p.endsWith('/branches'),
    });
    errors.truncated = await errorOf(repo.branches());
    target.server!.faults.inject('unavailable', { count: 5, match: (m) => m === 'POST' });
    errors.unavailable = await errorOf(main.object('b.txt').upload('b'));

    for (const [name, error] of Object.entries(errors))
      expect({ name, typed: error instanceof LakeFSError }).toEqual({ name, typed: true });
    expectNoSecrets(errors, [
      ...secrets,
      ...secretForms(target.credentials.accessKeyId, 'WRONG-SECRET-abcdefghijklmnop'),
      'WRONG-TOKEN-abcdefghijklmnop',
      token,
    ]);
  });

  it('from errors about a hostile or broken server that echoes the credentials back', async () => {
    const { accessKeyId, secretAccessKey } = target.credentials;
    const authorization = `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`;
    const echo = (init?: RequestInit): string =>
      `${new Headers(init?.headers).get('authorization')} ${secretAccessKey}`;
    const answers: Record<string, FetchLike> = {
      'error body': (_u, init) => Promise.resolve(Response.json({ message: echo(init) }, { status: 400 })),
      'non-JSON error body': (_u, init) => Promise.resolve(new Response(echo(init), { status: 500 })),
      'malformed JSON answer': (_u, init) =>
        Promise.resolve(Response.json({ pagination: echo(init), results: [] })),
      'not JSON at all': (_u, init) => Promise.resolve(new Response(`<html>${echo(init)}</html>`)),
      'fetch error': (_u, init) => Promise.reject(new TypeError(`request with ${echo(init)} failed`)),
      'fetch error with cause': (_u, init) =>
        Promise.reject(new TypeError('fetch failed', { cause: new Error(`socket for ${echo(init)}`) })),
      'thrown fetch error': (_u, init) => {
        throw new Error(`cannot send ${echo(init)}`);
      },
    };
    const errors: Record<string, unknown> = {};
    for (const [name, fetch] of Object.entries(answers)) {
      const client = target.client({ fetch, retry: false });
      errors[name] = await errorOf(client.repositories());
    }
    expect(Object.values(errors).every((e) => e instanceof LakeFSError)).toBe(true);
    expectNoSecrets(errors, [secretAccessKey, authorization.slice('Basic '.length)]);
  });

  it('from anything written to the console or emitted as a warning during a run', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((a) => inspect(a)).join(' '));
      }),
    );
    const warning = (w: Error): void => {
      lines.push(inspect(w));
    };
    process.on('warning', warning);
    try {
      const lakefs = target.client({ retry: false });
      const repo = lakefs.repository(target.repoId('quiet'));
      await lastValueFrom(repo.create());
      await lastValueFrom(repo.branch('main').object('a.txt').upload('a'));
      await lastValueFrom(repo.branch('main').commit('a'));
      await errorOf(repo.branch('main').commit('again'));
      await errorOf(target.client({ secretAccessKey: 'WRONG-SECRET-quiet', retry: false }).repositories());
    } finally {
      spies.forEach((s) => s.mockRestore());
      process.off('warning', warning);
    }
    expectNoSecrets({ output: lines.join('\n') }, [...secrets, 'WRONG-SECRET-quiet']);
  });

  it('presigned URL signatures (bearer tokens) stay out of errors, even when fetch quotes the URL', async () => {
    const presigning = await startTarget({ presign: true });
    try {
      const repo = presigning.lakefs.repository(presigning.repoId('presign-leak'));
      await lastValueFrom(repo.create());
      await lastValueFrom(repo.branch('main').object('a.txt').upload('a'));
      const signatures: string[] = [];
      // Fails every presigned request the way node-fetch (cross-fetch, tlsFetch) words it: with the URL.
      const quoting: FetchLike = (url, init) => {
        if (!url.includes('/_presigned/')) return fetch(url, init);
        signatures.push(new URL(url).searchParams.get('X-Signature') ?? '');
        return Promise.reject(new Error(`request to ${url} failed, reason: socket hang up`));
      };
      // …and answers a tampered signature, so the store's refusal is surfaced too. The first character is
      // changed to a different one: replacing it with a fixed '0' left the URL intact (and the request
      // succeeding) whenever the signature already started with '0' — the flake this test had.
      const tampering: FetchLike = (url, init) =>
        fetch(
          url.includes('/_presigned/')
            ? url.replace(/X-Signature=(.)/, (_, c: string) => `X-Signature=${c === '0' ? '1' : '0'}`)
            : url,
          init,
        );
      const errors: Record<string, unknown> = {};
      for (const [name, f] of Object.entries({ quoting, tampering })) {
        const client = presigning.client({ fetch: f, retry: false });
        const object = client.repository(repo.id).branch('main').object('a.txt');
        errors[`${name}: read`] = await errorOf(object.text({ presign: true }));
        errors[`${name}: upload`] = await errorOf(object.upload('b', { presign: true }));
      }
      expect(signatures.length).toBe(2);
      expect(Object.values(errors).every((e) => e instanceof LakeFSError)).toBe(true);
      expectNoSecrets(errors, signatures);
    } finally {
      await presigning.close();
    }
  });
});
