import { type Api, commit, startApi, upload } from './httpFixture';

describe('branch routes', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('creates a branch answering its commit id as plain text, and enforces names and clashes', async () => {
    const r = await api.repo('branches');
    const main = (await (await api.call('GET', `${r}/branches/main`)).json()) as { commit_id: string };
    const create = (name: string, source = 'main', extra = {}) =>
      api.call('POST', `${r}/branches`, { json: { name, source, ...extra } });
    const res = await create('dev');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(main.commit_id);
    const again = await create('dev');
    expect([again.status, await again.json()]).toEqual([
      409,
      { message: 'branch already exists: not unique' },
    ]);
    expect((await create('bad.name')).status).toBe(400);
    expect((await create('-dash')).status).toBe(400);
    expect((await create('x', 'nope')).status).toBe(404);
    expect((await create('x', 'main$')).status).toBe(500);
    await api.call('POST', `${r}/tags`, { json: { id: 'v1', ref: 'main' } });
    expect((await create('v1')).status).toBe(409);
    expect((await create(main.commit_id)).status).toBe(409);
    expect((await api.call('POST', `${r}/tags`, { json: { id: 'dev', ref: 'main' } })).status).toBe(409);
  });

  it('lists with paging and hides hidden branches unless asked', async () => {
    const r = await api.repo('list');
    for (const b of ['b1', 'b2', 'b3'])
      await api.call('POST', `${r}/branches`, { json: { name: b, source: 'main' } });
    await api.call('POST', `${r}/branches`, { json: { name: 'tx-hidden', source: 'main', hidden: true } });
    const list = async (query: Record<string, string> = {}) =>
      (await (await api.call('GET', `${r}/branches`, { query })).json()) as {
        pagination: Record<string, unknown>;
        results: { id: string }[];
      };
    expect((await list()).results.map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'main']);
    expect((await list({ show_hidden: 'true' })).results.map((b) => b.id)).toContain('tx-hidden');
    const page = await list({ amount: '2', after: 'b1' });
    expect(page.results.map((b) => b.id)).toEqual(['b2', 'b3']);
    expect(page.pagination).toEqual({ has_more: true, next_offset: 'b3', results: 2, max_per_page: 1000 });
    expect((await api.call('GET', `${r}/branches/tx-hidden`)).status).toBe(200);
  });

  it('deletes branches but never the default one', async () => {
    const r = await api.repo('delete');
    await api.call('POST', `${r}/branches`, { json: { name: 'gone', source: 'main' } });
    expect((await api.call('DELETE', `${r}/branches/gone`)).status).toBe(204);
    expect((await api.call('DELETE', `${r}/branches/gone`)).status).toBe(404);
    const main = await api.call('DELETE', `${r}/branches/main`);
    expect([main.status, await main.json()]).toEqual([
      403,
      { message: 'cannot delete repository default branch' },
    ]);
  });

  it('resets uncommitted changes by object, prefix or all', async () => {
    const r = await api.repo('reset');
    await upload(api, r, 'main', 'a/1', 'one');
    await commit(api, r, 'main');
    const diff = async () =>
      (
        (await (await api.call('GET', `${r}/branches/main/diff`)).json()) as {
          results: { path: string; type: string }[];
        }
      ).results.map((d) => `${d.type} ${d.path}`);
    const reset = (json: unknown) => api.call('PUT', `${r}/branches/main`, { json });
    await upload(api, r, 'main', 'a/1', 'changed');
    await upload(api, r, 'main', 'a/2', 'new');
    await upload(api, r, 'main', 'b', 'b');
    expect(await diff()).toEqual(['changed a/1', 'added a/2', 'added b']);
    expect((await reset({ type: 'object', path: 'b' })).status).toBe(204);
    expect(await diff()).toEqual(['changed a/1', 'added a/2']);
    expect((await reset({ type: 'common_prefix', path: 'a/' })).status).toBe(204);
    expect(await diff()).toEqual([]);
    expect(await (await api.call('GET', `${r}/refs/main/objects`, { query: { path: 'a/1' } })).text()).toBe(
      'one',
    );
    await api.call('DELETE', `${r}/branches/main/objects`, { query: { path: 'a/1' } });
    expect(await diff()).toEqual(['removed a/1']);
    expect((await reset({ type: 'reset' })).status).toBe(204);
    expect(await diff()).toEqual([]);
    expect((await reset({ type: 'object', path: '' })).status).toBe(400);
    expect((await reset({ type: 'other' })).status).toBe(400);
  });

  it('hard-resets a branch to any ref and keeps its staged changes, as lakeFS does', async () => {
    const r = await api.repo('hard');
    const first = (await (await api.call('GET', `${r}/branches/main`)).json()) as { commit_id: string };
    await upload(api, r, 'main', 'x', 'x');
    await commit(api, r, 'main');
    await upload(api, r, 'main', 'y', 'y');
    expect(
      (await api.call('PUT', `${r}/branches/main/hard_reset`, { query: { ref: 'main~1' } })).status,
    ).toBe(204);
    const diff = (await (await api.call('GET', `${r}/branches/main/diff`)).json()) as {
      results: { path: string; type: string }[];
    };
    expect(diff.results.map((d) => `${d.type} ${d.path}`)).toEqual(['added y']);
    const missing = await api.call('PUT', `${r}/branches/main/hard_reset`, { query: { ref: 'nope' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'hard-reset main to nope: not found' });
    const now = (await (await api.call('GET', `${r}/branches/main`)).json()) as { commit_id: string };
    expect(now.commit_id).toBe(first.commit_id);
  });
});
