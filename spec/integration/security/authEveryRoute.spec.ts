import { type Observable, lastValueFrom, toArray } from 'rxjs';
import { createHash } from 'node:crypto';
import type { Repository } from '../../../src';
import type { StagingLocation } from '../../../src/api/models/objects';
import { againstRealLakeFS, startTarget, type TestTarget } from '../../support/testLakeFS';

/** Routes that lakeFS serves without credentials. */
const PUBLIC = new Set([
  'POST /auth/login',
  'GET /healthcheck',
  'GET /user',
  'GET /setup_lakefs',
  'POST /setup_lakefs',
]);

/** Plausible values for path parameters, so that requests pass validation and reach authentication. */
const PARAM_VALUES: Record<string, string> = {
  repository: 'sweep-repo',
  branch: 'main',
  tag: 'v1',
  ref: 'main',
  leftRef: 'main',
  rightRef: 'main',
  sourceRef: 'main',
  destinationBranch: 'main',
  commitId: 'main',
  type: 'range',
};

/** Logs in with a key pair over plain HTTP and returns the token. */
async function loginToken(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<string> {
  const response = await fetch(`${endpoint}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      access_key_id: credentials.accessKeyId,
      secret_access_key: credentials.secretAccessKey,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** A body that satisfies each body-taking route's required fields. */
function bodyFor(method: string, path: string): unknown {
  if (method === 'GET' || method === 'HEAD') return undefined;
  if (path === '/repositories') return { name: 'sweep-other', storage_namespace: 'local://sweep-other' };
  if (path.endsWith('/branches')) return { name: 'b2', source: 'main' };
  if (path.endsWith('/tags')) return { id: 't2', ref: 'main' };
  if (path.endsWith('/commits')) return { message: 'm' };
  if (path.endsWith('/metadata') && method === 'POST') return { metadata: { a: 'b' } };
  if (path.endsWith('/metadata') && method === 'DELETE') return { keys: ['a'] };
  if (path.endsWith('/objects/delete')) return { paths: ['a'] };
  if (path.endsWith('/objects/copy')) return { src_path: 'a' };
  if (path.endsWith('/user_metadata')) return { set: {} };
  if (path.endsWith('/revert')) return { ref: 'main', parent_number: 0 };
  if (path.endsWith('/cherry-pick')) return { ref: 'main' };
  if (path.endsWith('/import'))
    return {
      paths: [{ type: 'common_prefix', path: 'local:///tmp/x/', destination: 'x/' }],
      commit: { message: 'm' },
    };
  if (path.endsWith('/staging/backing'))
    return { staging: { physical_address: 'local://x' }, checksum: 'abc', size_bytes: 1 };
  if (/\/branches\/:branch$/.test(path) && method === 'PUT') return { type: 'reset' };
  if (path.includes('/merge/')) return {};
  if (path.endsWith('/settings/branch_protection')) return [{ pattern: 'x' }];
  if (path.endsWith('/branch_protection')) return { pattern: 'x' };
  if (path.endsWith('/settings/gc_rules')) return { default_retention_days: 1, branches: [] };
  if (path.endsWith('/pulls')) return { title: 't', source_branch: 'a', destination_branch: 'b' };
  if (path === '/auth/users' || path === '/auth/groups') return { id: 'u' };
  if (path.endsWith('/acl')) return { permission: 'Read' };
  if (path.startsWith('/auth/policies'))
    return { id: 'p', statement: [{ effect: 'allow', resource: '*', action: ['fs:*'] }] };
  if (path.endsWith('/restore'))
    return { commits_meta_range_id: 'c', tags_meta_range_id: 't', branches_meta_range_id: 'b' };
  if (path.includes('/staging/pmpu/'))
    return { physical_address: 'local://x', parts: [{ part_number: 1, etag: 'e' }] };
  return {};
}

(againstRealLakeFS ? describe.skip : describe)('every route checks authentication', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
    await lastValueFrom(target.lakefs.repository('sweep-repo').create());
  });
  afterAll(() => target.close());

  /** Calls every non-public route with `headers` and lists those that did not answer 401. */
  async function sweep(headers: Record<string, string>): Promise<string[]> {
    const routes = target.server!.routes.filter((r) => !PUBLIC.has(`${r.method} ${r.path}`));
    expect(routes.length).toBeGreaterThan(3);
    const failures: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, (_, name: string) => PARAM_VALUES[name] ?? 'x');
      const url = new URL(`${target.endpoint}/api/v1${path}`);
      url.searchParams.set('path', 'a');
      url.searchParams.set('id', 'x');
      url.searchParams.set('dest_path', 'b');
      url.searchParams.set('ref', 'main');
      url.searchParams.set('task_id', 'x');
      const body = bodyFor(route.method, route.path);
      const response = await fetch(url, {
        method: route.method,
        ...(body !== undefined
          ? {
              body:
                route.path.endsWith('/objects') && route.method === 'POST' ? 'data' : JSON.stringify(body),
            }
          : {}),
        headers: {
          ...headers,
          ...(body !== undefined
            ? {
                'content-type': route.path.endsWith('/objects')
                  ? 'application/octet-stream'
                  : 'application/json',
              }
            : {}),
        },
      });
      await response.arrayBuffer();
      if (response.status !== 401) failures.push(`${route.method} ${route.path} → ${response.status}`);
    }
    return failures;
  }

  it('answers 401 to each non-public route called without credentials', async () => {
    expect(await sweep({})).toEqual([]);
  });

  it('answers 401 to each non-public route called with wrong, forged or foreign credentials', async () => {
    const { accessKeyId, secretAccessKey } = target.credentials;
    const b64 = (text: string): string => Buffer.from(text).toString('base64url');
    // A token of the right shape signed by someone else, one with no signature, and one of another server.
    const claims = b64(
      JSON.stringify({ sub: 'admin', aud: 'login', exp: Math.floor(Date.now() / 1000) + 3600 }),
    );
    const forged = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${claims}.${b64('not-the-signature')}`;
    const unsigned = `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${claims}.`;
    const other = await startTarget();
    const foreign = await loginToken(other.endpoint, other.credentials).finally(() => other.close());
    const variants: Record<string, Record<string, string>> = {
      'wrong secret': { authorization: `Basic ${Buffer.from(`${accessKeyId}:wrong`).toString('base64')}` },
      'wrong key id': {
        authorization: `Basic ${Buffer.from(`AKIAWRONG:${secretAccessKey}`).toString('base64')}`,
      },
      'secret without key id': { authorization: `Basic ${Buffer.from(secretAccessKey).toString('base64')}` },
      'unknown scheme': { authorization: `Token ${secretAccessKey}` },
      'forged token': { authorization: `Bearer ${forged}` },
      'unsigned token': { authorization: `Bearer ${unsigned}` },
      "another server's token": { authorization: `Bearer ${foreign}` },
      'forged session cookie': { cookie: `internal_auth_session=${encodeURIComponent(forged)}` },
    };
    const failures: string[] = [];
    for (const [name, headers] of Object.entries(variants))
      for (const failure of await sweep(headers)) failures.push(`${name}: ${failure}`);
    expect(failures).toEqual([]);
  });

  it('wrote nothing during the sweeps', async () => {
    const repo = target.lakefs.repository('sweep-repo');
    const all = async <T>(source: Observable<T>): Promise<T[]> => lastValueFrom(source.pipe(toArray()));
    expect((await all(repo.branches({ showHidden: true }))).map((b) => b.id)).toEqual(['main']);
    expect(await all(repo.tags())).toEqual([]);
    expect(await all(repo.branch('main').objects())).toEqual([]);
    expect((await all(repo.branch('main').log())).map((c) => c.message)).toEqual(['Repository created']);
    expect(await all(target.lakefs.repositories({ prefix: 'sweep-other' }))).toEqual([]);
    expect(await lastValueFrom(repo.metadata())).toEqual({});
  });

  it('rejects a wrong bearer token and a wrong key pair on a protected route', async () => {
    for (const authorization of [
      'Bearer not.a.token',
      `Basic ${Buffer.from('AKIA:wrong').toString('base64')}`,
    ]) {
      const response = await fetch(`${target.endpoint}/api/v1/repositories`, { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'error authenticating request' });
    }
  });
});

(againstRealLakeFS ? describe.skip : describe)('presigned URLs accept only their own valid signature', () => {
  let target: TestTarget;
  let repo: Repository;
  let readUrl: URL;
  let otherReadUrl: URL;
  let writeUrl: URL;
  let location: StagingLocation;
  beforeAll(async () => {
    target = await startTarget({ presign: true });
    repo = target.lakefs.repository(target.repoId('presign-sweep'));
    await lastValueFrom(repo.create());
    await lastValueFrom(repo.branch('main').object('secret.txt').upload('secret data', { presign: false }));
    await lastValueFrom(repo.branch('main').object('other.txt').upload('other data', { presign: false }));
    readUrl = new URL(
      (await lastValueFrom(repo.branch('main').object('secret.txt').stat({ presign: true }))).physicalAddress,
    );
    otherReadUrl = new URL(
      (await lastValueFrom(repo.branch('main').object('other.txt').stat({ presign: true }))).physicalAddress,
    );
    location = await lastValueFrom(
      target.lakefs.api.getPhysicalAddress(repo.id, 'main', 'new.txt', { presign: true }),
    );
    writeUrl = new URL(location.presigned_url!);
  });
  afterAll(() => target.close());

  /** Variants of a presigned URL that must not be honoured. */
  function tampered(url: URL, sibling: URL): Record<string, URL> {
    const edit = (change: (u: URL) => void): URL => {
      const copy = new URL(url);
      change(copy);
      return copy;
    };
    const signature = url.searchParams.get('X-Signature') ?? '';
    return {
      'flipped signature': edit((u) =>
        u.searchParams.set('X-Signature', (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)),
      ),
      'truncated signature': edit((u) => u.searchParams.set('X-Signature', signature.slice(0, -2))),
      'no signature': edit((u) => u.searchParams.delete('X-Signature')),
      'no expiry': edit((u) => u.searchParams.delete('X-Expires')),
      'extended expiry': edit((u) =>
        u.searchParams.set('X-Expires', String(Number(u.searchParams.get('X-Expires')) + 3600)),
      ),
      "another object's grant": edit((u) => (u.pathname = sibling.pathname)),
      "another object's signature": edit((u) =>
        u.searchParams.set('X-Signature', sibling.searchParams.get('X-Signature') ?? ''),
      ),
      'no query at all': edit((u) => (u.search = '')),
    };
  }

  it('refuses every tampered read URL with 403 and no data', async () => {
    const failures: string[] = [];
    for (const [name, url] of Object.entries(tampered(readUrl, otherReadUrl))) {
      for (const method of ['GET', 'HEAD']) {
        const response = await fetch(url, { method });
        const text = await response.text();
        if (response.status !== 403 || text.includes('secret data'))
          failures.push(`${method} ${name} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    // The untouched URL does work, without any credentials.
    expect(await (await fetch(readUrl)).text()).toBe('secret data');
  });

  it('refuses every tampered write URL, and a read URL used to write, with 403 and writes nothing', async () => {
    const failures: string[] = [];
    const attempts = { ...tampered(writeUrl, readUrl), 'a read URL': readUrl };
    for (const [name, url] of Object.entries(attempts)) {
      const response = await fetch(url, { method: 'PUT', body: 'evil' });
      await response.arrayBuffer();
      if (response.status !== 403) failures.push(`PUT ${name} → ${response.status}`);
    }
    // A write URL does not read.
    const read = await fetch(writeUrl);
    await read.arrayBuffer();
    if (read.status !== 403) failures.push(`GET with a write URL → ${read.status}`);
    expect(failures).toEqual([]);
    expect(await lastValueFrom(repo.branch('main').object('secret.txt').text({ presign: false }))).toBe(
      'secret data',
    );
    // Nothing reached the address either: linking it as if 'evil' had been written finds no such data.
    await lastValueFrom(
      target.lakefs.api.linkPhysicalAddress(repo.id, 'main', 'new.txt', {
        staging: location,
        checksum: createHash('md5').update('evil').digest('hex'),
        size_bytes: 4,
      }),
    ).catch(() => undefined);
    const content = await lastValueFrom(repo.branch('main').object('new.txt').text({ presign: false })).catch(
      () => undefined,
    );
    expect(content).not.toBe('evil');
  });

  it('does not take API credentials instead of a signature, nor a signature instead of API credentials', async () => {
    const { accessKeyId, secretAccessKey } = target.credentials;
    const authorization = `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`;
    const unsigned = new URL(readUrl);
    unsigned.search = '';
    const withKeys = await fetch(unsigned, { headers: { authorization } });
    expect(withKeys.status).toBe(403);
    expect(await withKeys.text()).not.toContain('secret data');
    const api = new URL(`${target.endpoint}/api/v1/repositories/${repo.id}/refs/main/objects`);
    api.searchParams.set('path', 'secret.txt');
    api.search += `&${readUrl.searchParams.toString()}`;
    const withSignature = await fetch(api);
    expect(withSignature.status).toBe(401);
    expect(await withSignature.text()).not.toContain('secret data');
  });

  it('refuses an expired URL with 403', async () => {
    const expiring = await startTarget({ presign: true, presignExpirySeconds: 0 });
    try {
      const r = expiring.lakefs.repository(expiring.repoId('expired'));
      await lastValueFrom(r.create());
      await lastValueFrom(r.branch('main').object('late.txt').upload('late', { presign: false }));
      const url = (await lastValueFrom(r.branch('main').object('late.txt').stat({ presign: true })))
        .physicalAddress;
      const response = await fetch(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('late');
    } finally {
      await expiring.close();
    }
  });
});
