import { type Api, commit, startApi, upload } from './httpFixture';

type CommitJson = {
  id: string;
  parents: string[];
  message: string;
  meta_range_id: string;
  creation_date: number;
  committer: string;
  generation: number;
};

describe('commit routes', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const log = async (r: string, ref: string, query: Record<string, string | string[]> = {}) =>
    (await (await api.call('GET', `${r}/refs/${ref}/commits`, { query })).json()) as {
      pagination: { has_more: boolean; next_offset: string };
      results: CommitJson[];
    };

  it('commits with parents, committer, metadata and a content-derived meta range', async () => {
    const r = await api.repo('commit');
    await upload(api, r, 'main', 'a', 'a');
    const c1 = await commit(api, r, 'main', 'first', { metadata: { k: 'v' } });
    expect(c1).toMatchObject({ message: 'first', metadata: { k: 'v' }, generation: 2, version: 1 });
    expect(c1.id).toMatch(/^[0-9a-f]{64}$/);
    expect((c1 as unknown as CommitJson).committer).toBe('admin');
    const none = await api.call('POST', `${r}/branches/main/commits`, { json: { message: 'none' } });
    expect([none.status, await none.json()]).toEqual([400, { message: 'commit: no changes' }]);
    await upload(api, r, 'main', 'a', 'a');
    expect(
      (await api.call('POST', `${r}/branches/main/commits`, { json: { message: 'same bytes' } })).status,
    ).toBe(400);
    const empty = await commit(api, r, 'main', 'empty', { allow_empty: true, date: 1_700_000_000 });
    expect(empty.meta_range_id).toBe(c1.meta_range_id);
    expect(empty.parents).toEqual([c1.id]);
    expect((empty as unknown as CommitJson).creation_date).toBe(1_700_000_000);
    const got = await api.call('GET', `${r}/commits/${c1.id.slice(0, 8)}`);
    expect(((await got.json()) as CommitJson).id).toBe(c1.id);
    expect((await api.call('GET', `${r}/commits/${'f'.repeat(64)}`)).status).toBe(404);
    expect(await (await api.call('GET', `${r}/refs/${c1.id}/objects`, { query: { path: 'a' } })).text()).toBe(
      'a',
    );
  });

  it('logs newest first with exclusive ref-based paging', async () => {
    const r = await api.repo('log');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      await upload(api, r, 'main', `f${i}`, `${i}`);
      ids.unshift((await commit(api, r, 'main', `c${i}`)).id);
    }
    const all = await log(r, 'main');
    expect(all.results.map((c) => c.message)).toEqual(['c4', 'c3', 'c2', 'c1', 'c0', 'Repository created']);
    const p1 = await log(r, 'main', { amount: '2' });
    expect(p1.results.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect(p1.pagination).toMatchObject({ has_more: true, next_offset: ids[1] });
    const p2 = await log(r, 'main', { amount: '2', after: p1.pagination.next_offset });
    expect(p2.results.map((c) => c.id)).toEqual(ids.slice(2, 4));
    expect((await log(r, 'main', { amount: '2', limit: 'true' })).pagination.has_more).toBe(false);
    expect((await log(r, 'main', { objects: 'f2' })).results.map((c) => c.message)).toEqual(['c2']);
    expect((await log(r, 'main', { prefixes: ['f3', 'f4'] })).results.map((c) => c.message)).toEqual([
      'c4',
      'c3',
    ]);
    expect((await log(r, 'main', { stop_at: ids[2] as string })).results.map((c) => c.message)).toEqual([
      'c4',
      'c3',
      'c2',
    ]);
    expect((await log(r, 'main', { since: new Date(Date.now() + 60_000).toISOString() })).results).toEqual(
      [],
    );
    expect((await api.call('GET', `${r}/refs/main$/commits`)).status).toBe(400);
  });

  it('follows first parents only when asked', async () => {
    const r = await api.repo('firstparent');
    await api.call('POST', `${r}/branches`, { json: { name: 'dev', source: 'main' } });
    await upload(api, r, 'dev', 'd', 'd');
    await commit(api, r, 'dev', 'on dev');
    await upload(api, r, 'main', 'm', 'm');
    await commit(api, r, 'main', 'on main');
    await api.call('POST', `${r}/refs/dev/merge/main`, { json: {} });
    const full = (await log(r, 'main')).results.map((c) => c.message);
    expect(full).toEqual(["Merge 'dev' into 'main'", 'on main', 'on dev', 'Repository created']);
    const first = (await log(r, 'main', { first_parent: 'true' })).results.map((c) => c.message);
    expect(first).toEqual(["Merge 'dev' into 'main'", 'on main', 'Repository created']);
  });

  it('creates, lists, gets and deletes tags', async () => {
    const r = await api.repo('tags');
    await upload(api, r, 'main', 'a', 'a');
    const c = await commit(api, r, 'main');
    const created = await api.call('POST', `${r}/tags`, { json: { id: 'v1.0', ref: 'main' } });
    expect([created.status, await created.json()]).toEqual([201, { id: 'v1.0', commit_id: c.id }]);
    expect((await api.call('POST', `${r}/tags`, { json: { id: 'v1.0', ref: 'main~1' } })).status).toBe(409);
    expect((await api.call('POST', `${r}/tags`, { json: { id: 'bad..tag', ref: 'main' } })).status).toBe(400);
    expect((await api.call('POST', `${r}/tags`, { json: { id: 'x', ref: 'main$' } })).status).toBe(400);
    expect((await api.call('POST', `${r}/tags`, { json: { id: 'x~1', ref: 'main~1' } })).status).toBe(201);
    const list = (await (await api.call('GET', `${r}/tags`)).json()) as { results: { id: string }[] };
    expect(list.results.map((t) => t.id)).toEqual(['v1.0', 'x~1']);
    expect(((await (await api.call('GET', `${r}/commits/v1.0`)).json()) as CommitJson).id).toBe(c.id);
    expect((await api.call('DELETE', `${r}/tags/v1.0`)).status).toBe(204);
    expect((await api.call('GET', `${r}/tags/v1.0`)).status).toBe(404);
  });
});
