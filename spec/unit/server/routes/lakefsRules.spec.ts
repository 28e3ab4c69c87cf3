import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Api, commit, startApi, upload } from './httpFixture';

// Rules the real lakeFS follows that clients (its Python SDK, lakefs-spec, esti) rely on (issue 15 §1).
describe('lakeFS rules', () => {
  let api: Api;
  let imports: string;
  beforeAll(async () => {
    imports = mkdtempSync(join(tmpdir(), 'lakefs-rx-rules-'));
    api = await startApi({ importRoots: [imports] });
  });
  afterAll(async () => {
    await api.close();
    rmSync(imports, { recursive: true, force: true });
  });
  const json = async (res: Response) => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  });

  it('merges a tree that became empty again into the initial commit (meta-range ids differ)', async () => {
    const r = await api.repo('empty-again');
    await api.call('POST', `${r}/branches`, { json: { name: 'b', source: 'main' } });
    await upload(api, r, 'b', 'x', 'x');
    await commit(api, r, 'b');
    await api.call('DELETE', `${r}/branches/b/objects`, { query: { path: 'x' } });
    await commit(api, r, 'b');
    expect((await api.call('POST', `${r}/refs/b/merge/main`, { json: {} })).status).toBe(200);
    expect((await json(await api.call('POST', `${r}/refs/b/merge/main`, { json: {} }))).status).toBe(400);
  });

  it('cherry-picks a change already on the branch into a new commit; an empty picked commit is 400', async () => {
    const r = await api.repo('pick');
    await upload(api, r, 'main', 'a', 'a');
    const c1 = await commit(api, r, 'main');
    const again = await api.call('POST', `${r}/branches/main/cherry-pick`, { json: { ref: c1.id } });
    expect(again.status).toBe(201);
    const empty = await commit(api, r, 'main', 'empty', { allow_empty: true });
    expect(
      await json(await api.call('POST', `${r}/branches/main/cherry-pick`, { json: { ref: empty.id } })),
    ).toEqual({
      status: 400,
      body: { message: 'update branch: no changes' },
    });
  });

  it('resolves a branch source before the name: a missing source is 404 even for a taken name', async () => {
    const r = await api.repo('source-first');
    expect(
      await json(await api.call('POST', `${r}/branches`, { json: { name: 'main', source: 'nope' } })),
    ).toEqual({
      status: 404,
      body: { message: "source reference 'nope': not found" },
    });
    expect((await api.call('POST', `${r}/branches`, { json: { name: 'main', source: 'main' } })).status).toBe(
      409,
    );
  });

  it('adds right stats to removed rows with include_right_stats', async () => {
    const r = await api.repo('right');
    await upload(api, r, 'main', 'gone', 'g', { 'x-lakefs-meta-k': 'v' });
    await commit(api, r, 'main');
    await api.call('DELETE', `${r}/branches/main/objects`, { query: { path: 'gone' } });
    await commit(api, r, 'main');
    const diff = await json(
      await api.call('GET', `${r}/refs/main~1/diff/main`, { query: { include_right_stats: 'true' } }),
    );
    const [row] = diff.body.results as { type: string; right?: { metadata: Record<string, string> } }[];
    expect(row).toMatchObject({ type: 'removed', right: { metadata: { k: 'v' } } });
  });

  it('answers 416 with the object headers a 200 would carry', async () => {
    const r = await api.repo('range');
    await upload(api, r, 'main', 'f', 'hello');
    const res = await api.call('GET', `${r}/refs/main/objects`, {
      query: { path: 'f' },
      headers: { range: 'bytes=10-20' },
    });
    expect(res.status).toBe(416);
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    expect(res.headers.get('last-modified')).not.toBeNull();
    expect(res.headers.get('content-range')).toBe('bytes */5');
    expect(res.headers.get('cache-control')).toBe('no-store, must-revalidate');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('populates sample data on request', async () => {
    const r = await api.repo('samples', { sample_data: true });
    const ls = await json(await api.call('GET', `${r}/refs/main/objects/ls`, { query: { delimiter: '/' } }));
    expect((ls.body.results as { path: string }[]).map((o) => o.path)).toEqual([
      'README.md',
      'data/',
      'images/',
      'lakes.parquet',
    ]);
    const log = await json(await api.call('GET', `${r}/refs/main/commits`));
    expect((log.body.results as { message: string }[])[0]?.message).toBe('Add sample data');
  });

  it('refuses to import from inside (or a prefix of) the repository namespace', async () => {
    const r = await api.repo('own-ns');
    const ns = (await json(await api.call('GET', r))).body.storage_namespace as string;
    for (const [type, path] of [
      ['common_prefix', ns],
      ['common_prefix', `${ns}/inside`],
      ['common_prefix', ns.slice(0, -2)],
      ['object', `${ns}/obj`],
    ]) {
      const res = await json(
        await api.call('POST', `${r}/branches/main/import`, {
          json: { paths: [{ type, path, destination: 'd/' }], commit: { message: 'm' } },
        }),
      );
      expect({
        path,
        status: res.status,
        invalid: String(res.body.message).endsWith('invalid import source'),
      }).toEqual({
        path,
        status: 400,
        invalid: true,
      });
    }
  });
});
