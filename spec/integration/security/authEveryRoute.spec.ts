import { lastValueFrom } from 'rxjs';
import { againstRealLakeFS, startTarget, type TestTarget } from '../../support/testLakeFS';

/** Routes that lakeFS serves without credentials. */
const PUBLIC = new Set([
  'POST /auth/login',
  'GET /auth/logout',
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
};

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
  return {};
}

(againstRealLakeFS ? describe.skip : describe)('every route checks authentication', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
    await lastValueFrom(target.lakefs.repository('sweep-repo').create());
  });
  afterAll(() => target.close());

  it('answers 401 to each non-public route called without credentials', async () => {
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
      const body = bodyFor(route.method, route.path);
      const response = await fetch(url, {
        method: route.method,
        ...(body !== undefined
          ? {
              body:
                route.path.endsWith('/objects') && route.method === 'POST' ? 'data' : JSON.stringify(body),
            }
          : {}),
        headers:
          body !== undefined
            ? {
                'content-type': route.path.endsWith('/objects')
                  ? 'application/octet-stream'
                  : 'application/json',
              }
            : {},
      });
      await response.arrayBuffer();
      if (response.status !== 401) failures.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
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
