import { type Api, commit, startApi, upload } from './httpFixture';

type Diff = { type: string; path: string; path_type: string; size_bytes?: number };

describe('diff, merge, revert and cherry-pick routes', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const diff = async (r: string, left: string, right: string, query: Record<string, string> = {}) =>
    (
      (await (await api.call('GET', `${r}/refs/${left}/diff/${right}`, { query })).json()) as {
        results: Diff[];
      }
    ).results.map((d) => `${d.type} ${d.path}`);
  const read = async (r: string, ref: string, path: string) => {
    const res = await api.call('GET', `${r}/refs/${ref}/objects`, { query: { path } });
    return res.status === 200 ? res.text() : res.status;
  };
  const branch = (r: string, name: string, source = 'main') =>
    api.call('POST', `${r}/branches`, { json: { name, source } });
  const merge = (r: string, source: string, dest: string, json: unknown = {}) =>
    api.call('POST', `${r}/refs/${source}/merge/${dest}`, { json });

  it('branch → change → diff → merge → empty diff → content on main', async () => {
    const r = await api.repo('flow');
    await upload(api, r, 'main', 'keep', 'k');
    await upload(api, r, 'main', 'edit', 'e0');
    await commit(api, r, 'main');
    await branch(r, 'dev');
    await upload(api, r, 'dev', 'edit', 'e1');
    await upload(api, r, 'dev', 'dir/new', 'n');
    await api.call('DELETE', `${r}/branches/dev/objects`, { query: { path: 'keep' } });
    await commit(api, r, 'dev');
    expect(await diff(r, 'main', 'dev')).toEqual(['added dir/new', 'changed edit', 'removed keep']);
    expect(await diff(r, 'main', 'dev', { delimiter: '/' })).toEqual([
      'prefix_changed dir/',
      'changed edit',
      'removed keep',
    ]);
    expect(await diff(r, 'main', 'dev', { type: 'two_dot', prefix: 'e' })).toEqual(['changed edit']);
    const base = await api.call('GET', `${r}/refs/dev/merge/main`);
    expect(await base.json()).toMatchObject({ base_commit_id: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const merged = await merge(r, 'dev', 'main');
    expect(merged.status).toBe(200);
    const { reference } = (await merged.json()) as { reference: string };
    const mc = (await (await api.call('GET', `${r}/commits/${reference}`)).json()) as {
      parents: string[];
      metadata: Record<string, string>;
      message: string;
    };
    expect(mc.parents).toHaveLength(2);
    expect(mc.metadata).toEqual({ '.lakefs.merge.strategy': 'default' });
    expect(mc.message).toBe("Merge 'dev' into 'main'");
    expect(await diff(r, 'main', 'dev')).toEqual([]);
    expect(await read(r, 'main', 'edit')).toBe('e1');
    expect(await read(r, 'main', 'keep')).toBe(404);
    const again = await merge(r, 'dev', 'main');
    expect([again.status, await again.json()]).toEqual([400, { message: 'update branch main: no changes' }]);
    expect((await merge(r, 'dev', 'main', { allow_empty: true })).status).toBe(200);
  });

  it('reports conflicts with 409 {"reference":""} and leaves both branches untouched; strategies resolve', async () => {
    const r = await api.repo('conflict');
    await upload(api, r, 'main', 'x', 'base');
    await commit(api, r, 'main');
    await branch(r, 'dev');
    await upload(api, r, 'main', 'x', 'main side');
    const mainHead = await commit(api, r, 'main');
    await upload(api, r, 'dev', 'x', 'dev side');
    await commit(api, r, 'dev');
    expect(await diff(r, 'main', 'dev')).toEqual(['conflict x']);
    const res = await merge(r, 'dev', 'main');
    expect([res.status, await res.json()]).toEqual([409, { reference: '' }]);
    const head = (await (await api.call('GET', `${r}/branches/main`)).json()) as { commit_id: string };
    expect(head.commit_id).toBe(mainHead.id);
    expect(await read(r, 'dev', 'x')).toBe('dev side');
    expect((await merge(r, 'dev', 'main', { strategy: 'bogus' })).status).toBe(400);
    expect((await merge(r, 'dev', 'main', { strategy: 'dest-wins' })).status).toBe(200);
    expect(await read(r, 'main', 'x')).toBe('main side');
    await upload(api, r, 'dev', 'x', 'dev again');
    await commit(api, r, 'dev');
    await upload(api, r, 'main', 'x', 'main again');
    await commit(api, r, 'main');
    expect((await merge(r, 'dev', 'main', { strategy: 'source-wins', squash_merge: true })).status).toBe(200);
    expect(await read(r, 'main', 'x')).toBe('dev again');
    const squash = (await (await api.call('GET', `${r}/commits/main`)).json()) as { parents: string[] };
    expect(squash.parents).toHaveLength(1);
  });

  it('refuses to merge into a branch with uncommitted changes', async () => {
    const r = await api.repo('dirty');
    await branch(r, 'dev');
    await upload(api, r, 'dev', 'a', 'a');
    await commit(api, r, 'dev');
    await upload(api, r, 'main', 'wip', 'w');
    const res = await merge(r, 'dev', 'main');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /uncommitted changes \(dirty branch\)/,
    );
  });

  it('reverts commits (parent number required for merges) and cherry-picks', async () => {
    const r = await api.repo('revert');
    await upload(api, r, 'main', 'a', 'a1');
    await commit(api, r, 'main');
    await upload(api, r, 'main', 'a', 'a2');
    await commit(api, r, 'main');
    const revert = (json: unknown, b = 'main') => api.call('POST', `${r}/branches/${b}/revert`, { json });
    const res = await revert({ ref: 'main', parent_number: 0 });
    expect([res.status, await res.text()]).toEqual([204, '']);
    expect(await read(r, 'main', 'a')).toBe('a1');
    const reverted = (await (await api.call('GET', `${r}/commits/main`)).json()) as { message: string };
    expect(reverted.message).toBe('Revert main');
    expect((await revert({ ref: 'main' })).status).toBe(400);

    await branch(r, 'dev');
    await upload(api, r, 'dev', 'b', 'b');
    const picked = await commit(api, r, 'dev', 'add b', { metadata: { why: 'test' } });
    await upload(api, r, 'main', 'c', 'c');
    await commit(api, r, 'main');
    await merge(r, 'dev', 'main');
    const mergeRevert = await revert({ ref: 'main', parent_number: 0 });
    expect(mergeRevert.status).toBe(409);
    expect((await revert({ ref: 'main', parent_number: 3 })).status).toBe(400);
    expect((await revert({ ref: 'main', parent_number: 1 })).status).toBe(204);
    expect(await read(r, 'main', 'b')).toBe(404);

    const cp = await api.call('POST', `${r}/branches/main/cherry-pick`, { json: { ref: picked.id } });
    expect(cp.status).toBe(201);
    const cpCommit = (await cp.json()) as { message: string; metadata: Record<string, string> };
    expect(cpCommit.message).toBe('add b');
    expect(cpCommit.metadata).toEqual({
      why: 'test',
      'cherry-pick-origin': picked.id,
      'cherry-pick-committer': 'admin',
    });
    expect(await read(r, 'main', 'b')).toBe('b');
    expect(
      (await api.call('POST', `${r}/branches/main/cherry-pick`, { json: { ref: 'main~2' } })).status,
    ).toBe(400);
    await upload(api, r, 'main', 'dirty', 'd');
    expect(
      (await api.call('POST', `${r}/branches/main/cherry-pick`, { json: { ref: picked.id } })).status,
    ).toBe(400);
  });

  it('shows the uncommitted diff with delimiter and paging', async () => {
    const r = await api.repo('uncommitted');
    for (const p of ['a/1', 'a/2', 'b', 'c']) await upload(api, r, 'main', p, p);
    const res = await api.call('GET', `${r}/branches/main/diff`, { query: { delimiter: '/', amount: '2' } });
    const body = (await res.json()) as { pagination: Record<string, unknown>; results: Diff[] };
    expect(body.results).toEqual([
      { type: 'prefix_changed', path: 'a/', path_type: 'common_prefix' },
      { type: 'added', path: 'b', path_type: 'object', size_bytes: 1 },
    ]);
    expect(body.pagination).toMatchObject({ has_more: true, next_offset: 'b' });
  });

  it('hands out signed staging addresses and links them', async () => {
    const r = await api.repo('staging');
    const loc = (await (
      await api.call('GET', `${r}/branches/main/staging/backing`, { query: { path: 'p' } })
    ).json()) as {
      physical_address: string;
      presigned_url: null;
    };
    expect(loc.presigned_url).toBeNull();
    expect(loc.physical_address).toMatch(/^local:\/\/tests\/staging-\d+\/data\/.+,.+/);
    const link = (path: string, physical: string, checksum = 'abc') =>
      api.call('PUT', `${r}/branches/main/staging/backing`, {
        query: { path },
        json: { staging: { physical_address: physical }, checksum, size_bytes: 3 },
      });
    const linked = await link('p', loc.physical_address);
    expect(linked.status).toBe(200);
    expect(await linked.json()).toMatchObject({
      path: 'p',
      physical_address: loc.physical_address,
      checksum: 'abc',
    });
    const stat = (await (
      await api.call('GET', `${r}/refs/main/objects/stat`, { query: { path: 'p' } })
    ).json()) as {
      physical_address: string;
    };
    expect(stat.physical_address).toBe(loc.physical_address.replace(/,[^,]*$/, ''));
    expect((await link('other-path', loc.physical_address)).status).toBe(400);
    expect((await link('p', loc.physical_address, ' "" ')).status).toBe(400);
    expect((await link('p', 's3://bucket/x')).status).toBe(400);
    expect((await link('p', 'local:///etc/passwd')).status).toBe(403);
  });
});
