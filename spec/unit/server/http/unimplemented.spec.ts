import { specOperation } from '../../../../src/server/http/specOperation';
import { type Api, startApi } from '../routes/httpFixture';

describe('operations of the lakeFS spec the server does not implement', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('finds the operation a method and path name, literal segments first', () => {
    expect(specOperation('GET', '/auth/users')).toBe('listUsers');
    expect(specOperation('GET', '/repositories/r/branches/b')).toBe('getBranch');
    expect(specOperation('PATCH', '/repositories')).toBeUndefined();
    expect(specOperation('GET', '/auth/logout')).toBeUndefined();
  });

  it('answers 501 naming the operation, after authentication', async () => {
    const path = '/usage-report/summary';
    const res = await api.call('GET', path);
    expect(res.status).toBe(501);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^getUsageReportSummary: not implemented/,
    );
    const anonymous = await fetch(`${api.server.url}/api/v1${path}`);
    expect(anonymous.status).toBe(401);
  });

  it('answers 404 `invalid API endpoint` for paths that are not in the spec, /auth/logout included', async () => {
    for (const [method, path] of [
      ['GET', '/auth/logout'],
      ['PATCH', '/repositories'],
      ['GET', '/nothing/here'],
    ] as const) {
      const res = await api.call(method, path);
      expect({ path, status: res.status, body: await res.json() }).toEqual({
        path,
        status: 404,
        body: { message: 'invalid API endpoint' },
      });
    }
  });

  it('reports the lakeFS version it implements and who it is', async () => {
    const body = (await (await api.call('GET', '/config/version')).json()) as Record<string, string>;
    expect(body.version).toBe('1.84.0');
    expect(body.version_context).toMatch(/^lakefs-rx-local /);
    const storage = (await (await api.call('GET', '/config/storage')).json()) as Record<string, unknown>;
    expect(storage.pre_sign_support).toBe(false);
  });
});
