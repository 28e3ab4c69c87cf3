import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Api, startApi } from './httpFixture';

const basic = (key: string, secret: string): string =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

describe('users, groups, policies and keys with a data directory', () => {
  let dataDir: string;
  let api: Api | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lakefs-rx-iam-'));
  });
  afterAll(async () => {
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survive a restart: the second user keeps its key pair, its groups and its policies', async () => {
    api = await startApi({ dataDir });
    const post = async (path: string, json?: unknown): Promise<Response> => {
      const res = await (api as Api).call(json === undefined ? 'PUT' : 'POST', path, { json });
      expect(res.status).toBeLessThan(300);
      return res;
    };
    await post('/auth/users', { id: 'reader' });
    const key = (await (await post('/auth/users/reader/credentials', {})).json()) as {
      access_key_id: string;
      secret_access_key: string;
    };
    await post('/auth/groups', { id: 'readers' });
    await post('/auth/groups/readers/members/reader');
    await post('/auth/policies', {
      id: 'ListOnly',
      statement: [{ effect: 'allow', action: ['fs:ListRepositories'], resource: '*' }],
    });
    await post('/auth/groups/readers/policies/ListOnly');
    await api.close();

    api = await startApi({ dataDir });
    const group = (await (await api.call('GET', '/auth/groups/readers/members')).json()) as {
      results: { id: string }[];
    };
    expect(group.results.map((u) => u.id)).toEqual(['reader']);
    const asReader = (path: string, method = 'GET'): Promise<Response> =>
      fetch(`${(api as Api).server.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: basic(key.access_key_id, key.secret_access_key),
          'content-type': 'application/json',
        },
        body: method === 'POST' ? JSON.stringify({ id: 'intruder' }) : undefined,
      });
    expect((await asReader('/user')).status).toBe(200);
    expect((await asReader('/repositories')).status).toBe(200);
    // the policy came back too: listing is allowed, creating a user is not
    expect((await asReader('/auth/users', 'POST')).status).toBe(401);
  });
});
