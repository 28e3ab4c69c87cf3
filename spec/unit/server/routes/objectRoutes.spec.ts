import { createHash } from 'node:crypto';
import { type Api, commit, startApi, upload } from './httpFixture';

const md5 = (s: string | Uint8Array) => createHash('md5').update(s).digest('hex');

describe('object routes', () => {
  let api: Api;
  let repo: string;
  beforeAll(async () => {
    api = await startApi();
    repo = await api.repo('objects');
  });
  afterAll(() => api.close());

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET', ref = 'main') =>
    api.call(method, `${repo}/refs/${ref}/objects`, { query: { path }, headers });

  it('uploads raw bytes with lower-cased user metadata and reads them back with a quoted ETag', async () => {
    const stats = await upload(api, repo, 'main', 'raw.txt', 'hello', {
      'content-type': 'text/plain',
      'X-Lakefs-Meta-Owner': 'Ann',
    });
    expect(stats).toMatchObject({
      path: 'raw.txt',
      path_type: 'object',
      checksum: md5('hello'),
      size_bytes: 5,
      content_type: 'text/plain',
      metadata: { owner: 'Ann' },
    });
    expect(String(stats.physical_address)).toMatch(/^local:\/\/tests\/objects-\d+\/data\//);
    const res = await get('raw.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${md5('hello')}"`);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('x-lakefs-meta-owner')).toBeNull();
    expect(await res.text()).toBe('hello');
  });

  it('uploads the first multipart part named content', async () => {
    const form = new FormData();
    form.append('other', 'ignored');
    form.append('content', new Blob(['multi\r\n--part'], { type: 'application/json' }), 'f.json');
    const res = await api.call('POST', `${repo}/branches/main/objects`, {
      query: { path: 'm.json' },
      body: form,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      size_bytes: 13,
      content_type: 'application/json',
      metadata: {},
    });
    expect(await (await get('m.json')).text()).toBe('multi\r\n--part');
    const bad = await api.call('POST', `${repo}/branches/main/objects`, {
      query: { path: 'bad' },
      body: 'x',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(bad.status).toBe(500);
  });

  it('answers ranges like lakeFS', async () => {
    const range = async (r: string, method = 'GET') => {
      const res = await get('raw.txt', { range: r }, method);
      return [res.status, res.headers.get('content-range'), await res.text()];
    };
    expect(await range('bytes=1-3')).toEqual([206, 'bytes 1-3/5', 'ell']);
    expect(await range('bytes=2-')).toEqual([206, 'bytes 2-4/5', 'llo']);
    expect(await range('bytes=-2')).toEqual([206, 'bytes 3-4/5', 'lo']);
    expect(await range('bytes=-9')).toEqual([206, 'bytes 0-4/5', 'hello']);
    expect(await range('bytes=3-100')).toEqual([206, 'bytes 3-4/5', 'lo']);
    expect((await range('bytes=5-6')).slice(0, 2)).toEqual([416, 'bytes */5']);
    expect((await range('bytes=0-1,2-3'))[0]).toBe(416);
    expect((await range('bytes=3-1'))[0]).toBe(416);
    expect((await range('bytes=-0'))[0]).toBe(416);
    expect((await range('items=1-2'))[0]).toBe(400);
    expect(await range('bytes=9-', 'HEAD')).toEqual([416, 'bytes */5', '']);
    await upload(api, repo, 'main', 'empty', '');
    const empty = await get('empty', { range: 'bytes=0-' });
    expect(empty.status).toBe(416);
    expect(await empty.json()).toEqual({ message: 'Requested Range Not Satisfiable' });
  });

  it('answers HEAD with headers and no body, and 304 for a matching If-None-Match', async () => {
    const head = await get('raw.txt', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(head.headers.get('content-length')).toBe('5');
    expect(await head.text()).toBe('');
    expect((await get('missing', {}, 'HEAD')).status).toBe(404);
    expect((await get('raw.txt', { 'if-none-match': `"${md5('hello')}"` })).status).toBe(304);
  });

  it('applies upload preconditions', async () => {
    const put = (headers: Record<string, string>, path = 'raw.txt') =>
      api.call('POST', `${repo}/branches/main/objects`, { query: { path }, body: 'x', headers });
    const exists = await put({ 'if-none-match': '*' });
    expect(exists.status).toBe(412);
    expect(await exists.json()).toEqual({ message: 'path already exists' });
    expect((await put({ 'if-none-match': '*' }, 'fresh-if-absent')).status).toBe(201);
    expect((await put({ 'if-match': '"abc"' })).status).toBe(501);
    expect((await put({ 'if-none-match': '"abc"' })).status).toBe(501);
  });

  it('round-trips paths with unicode, spaces, ?, #, % and +', async () => {
    const paths = ['dir/ünï cödé ✓.txt', 'q?x=1&y#frag', '100% + more', 'emoji/😀'];
    for (const p of paths) await upload(api, repo, 'main', p, `body of ${p}`);
    for (const p of paths) expect(await (await get(p)).text()).toBe(`body of ${p}`);
    const ls = await api.call('GET', `${repo}/refs/main/objects/ls`, { query: { prefix: 'q?' } });
    expect(((await ls.json()) as { results: { path: string }[] }).results.map((r) => r.path)).toEqual([
      'q?x=1&y#frag',
    ]);
  });

  it('lists with delimiter, after and amount in lakeFS shapes', async () => {
    const r = await api.repo('ls');
    for (const p of ['a/1', 'a/2', 'b', 'c/d/e', 'c/x']) await upload(api, r, 'main', p, p);
    await upload(api, r, 'main', 'meta', 'm', { 'x-lakefs-meta-k': 'v' });
    const ls = async (query: Record<string, string>, ref = 'main') =>
      (await (await api.call('GET', `${r}/refs/${ref}/objects/ls`, { query })).json()) as {
        pagination: Record<string, unknown>;
        results: Record<string, unknown>[];
      };
    const top = await ls({ delimiter: '/' });
    expect(top.results[0]).toEqual({
      path: 'a/',
      path_type: 'common_prefix',
      checksum: '',
      mtime: 0,
      physical_address: '',
    });
    expect(top.results.map((x) => x.path)).toEqual(['a/', 'b', 'c/', 'meta']);
    expect(top.results[1]).not.toHaveProperty('metadata');
    expect(top.results[3]).toMatchObject({ metadata: { k: 'v' } });
    const paged = await ls({ delimiter: '/', amount: '2' });
    expect(paged.pagination).toEqual({ has_more: true, next_offset: 'b', results: 2, max_per_page: 1000 });
    expect((await ls({ delimiter: '/', after: 'a/' })).results.map((x) => x.path)).toEqual([
      'b',
      'c/',
      'meta',
    ]);
    expect((await ls({ prefix: 'c/', delimiter: '/' })).results.map((x) => x.path)).toEqual(['c/d/', 'c/x']);
    expect((await ls({ prefix: 'c' })).results.map((x) => x.path)).toEqual(['c/d/e', 'c/x']);
    expect((await ls({}, 'main@')).results).toEqual([]);
    expect((await api.call('GET', `${r}/refs/main/objects/ls`, { query: { amount: '1001' } })).status).toBe(
      400,
    );
  });

  it('stats, deletes (204 even when missing) and batch-deletes', async () => {
    const r = await api.repo('del');
    await upload(api, r, 'main', 'keep', 'k');
    await upload(api, r, 'main', 'gone', 'g');
    const stat = await api.call('GET', `${r}/refs/main/objects/stat`, { query: { path: 'keep' } });
    expect(await stat.json()).toMatchObject({ path: 'keep', metadata: {} });
    expect((await api.call('DELETE', `${r}/branches/main/objects`, { query: { path: 'gone' } })).status).toBe(
      204,
    );
    expect(
      (await api.call('DELETE', `${r}/branches/main/objects`, { query: { path: 'never' } })).status,
    ).toBe(204);
    const batch = await api.call('POST', `${r}/branches/main/objects/delete`, {
      json: { paths: ['keep', 'nope'] },
    });
    expect([batch.status, await batch.json()]).toEqual([200, { errors: [] }]);
    const many = Array.from({ length: 1001 }, (_, i) => `p${i}`);
    expect(
      (await api.call('POST', `${r}/branches/main/objects/delete`, { json: { paths: many } })).status,
    ).toBe(400);
    const noRepo = await api.call('POST', `/repositories/no-such-repo/branches/main/objects/delete`, {
      json: { paths: ['a'] },
    });
    expect([noRepo.status, await noRepo.json()]).toEqual([200, { errors: [] }]);
    expect((await api.call('GET', `${r}/refs/main/objects/stat`, { query: { path: 'keep' } })).status).toBe(
      404,
    );
  });

  it('copies full data from any ref and updates user metadata', async () => {
    const r = await api.repo('copy');
    await upload(api, r, 'main', 'src', 'copy me', { 'content-type': 'text/csv', 'x-lakefs-meta-a': '1' });
    await commit(api, r, 'main');
    const copy = await api.call('POST', `${r}/branches/main/objects/copy`, {
      query: { dest_path: 'dst' },
      json: { src_path: 'src' },
    });
    expect(copy.status).toBe(201);
    const copied = (await copy.json()) as Record<string, unknown>;
    expect(copied).toMatchObject({
      path: 'dst',
      checksum: md5('copy me'),
      content_type: 'text/csv',
      metadata: { a: '1' },
    });
    const read = await api.call('GET', `${r}/refs/main/objects`, { query: { path: 'dst' } });
    expect(await read.text()).toBe('copy me');
    const shallow = await api.call('POST', `${r}/branches/main/objects/copy`, {
      query: { dest_path: 'x' },
      json: { src_path: 'src', shallow: true },
    });
    expect(shallow.status).toBe(501);
    const missing = await api.call('POST', `${r}/branches/main/objects/copy`, {
      query: { dest_path: 'x' },
      json: { src_path: 'nope' },
    });
    expect(missing.status).toBe(404);
    const meta = await api.call('PUT', `${r}/branches/main/objects/stat/user_metadata`, {
      query: { path: 'dst' },
      json: { set: { b: '2' } },
    });
    expect(meta.status).toBe(204);
    const stat = await api.call('GET', `${r}/refs/main/objects/stat`, { query: { path: 'dst' } });
    expect(((await stat.json()) as { metadata: unknown }).metadata).toEqual({ b: '2' });
  });

  it('refuses writes to a read-only repository unless forced', async () => {
    const r = await api.repo('ro', { read_only: true });
    const put = (query: Record<string, string>) =>
      api.call('POST', `${r}/branches/main/objects`, {
        query,
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
    const denied = await put({ path: 'a' });
    expect([denied.status, await denied.json()]).toEqual([403, { message: 'read-only repository' }]);
    expect((await put({ path: 'a', force: 'true' })).status).toBe(201);
  });
});
