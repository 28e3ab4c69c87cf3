import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { againstRealLakeFS } from '../../support/testLakeFS';
import { type ServeProcess, startServe } from './serveProcess';

// Each test starts and kills server processes; a process per start is what a crash is.
jest.setTimeout(180_000);
const describeLocal = againstRealLakeFS ? describe.skip : describe;

interface Listing {
  results: { path: string; checksum: string }[];
  pagination: { has_more: boolean; next_offset: string };
}

async function upload(
  server: ServeProcess,
  repo: string,
  branch: string,
  path: string,
  content: Buffer | string,
) {
  const body = typeof content === 'string' ? content : new Uint8Array(content);
  const res = await fetch(
    `${server.endpoint}/api/v1/repositories/${repo}/branches/${branch}/objects?path=${encodeURIComponent(path)}`,
    { method: 'POST', headers: { ...server.headers, 'content-type': 'application/octet-stream' }, body },
  );
  await res.text();
  return res.status;
}

async function download(server: ServeProcess, repo: string, ref: string, path: string) {
  const res = await fetch(
    `${server.endpoint}/api/v1/repositories/${repo}/refs/${ref}/objects?path=${encodeURIComponent(path)}`,
    { headers: server.headers },
  );
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** Every path (and checksum) a ref shows, all pages. */
async function listAll(server: ServeProcess, repo: string, ref: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let after = '';
  for (;;) {
    const page = (
      await server.api(
        'GET',
        `/repositories/${repo}/refs/${ref}/objects/ls?amount=1000&after=${encodeURIComponent(after)}`,
      )
    ).json as Listing;
    for (const r of page.results) out.set(r.path, r.checksum);
    if (!page.pagination.has_more) return out;
    after = page.pagination.next_offset;
  }
}

const headOf = async (server: ServeProcess, repo: string, branch: string): Promise<string> =>
  ((await server.api('GET', `/repositories/${repo}/branches/${branch}`)).json as { commit_id: string })
    .commit_id;

const uncommitted = async (server: ServeProcess, repo: string, branch: string): Promise<number> =>
  ((await server.api('GET', `/repositories/${repo}/branches/${branch}/diff?amount=1000`)).json as Listing)
    .results.length;

/** Stages `n` small objects `prefix<i>` with content `prefix<i>` (16 at a time). */
async function stageMany(server: ServeProcess, repo: string, branch: string, prefix: string, n: number) {
  for (let i = 0; i < n; i += 16) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 16); j++)
      batch.push(upload(server, repo, branch, `${prefix}${j}`, `${prefix}${j}`));
    expect(new Set(await Promise.all(batch))).toEqual(new Set([201]));
  }
}

describeLocal('serve --data-dir survives kill -9', () => {
  let dir: string;
  let server: ServeProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lakefs-rx-crash-'));
  });

  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) await server.kill9();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string> = {}): Promise<ServeProcess> =>
    (server = await startServe(dir, env));

  async function createRepo(s: ServeProcess, id = 'crash-repo'): Promise<string> {
    const created = await s.api('POST', '/repositories', {
      name: id,
      storage_namespace: `local://ns/${id}`,
      default_branch: 'main',
    });
    expect(created.status).toBe(201);
    return id;
  }

  it('keeps every acknowledged upload, whole, with the same credentials, and leaves no partial file', async () => {
    const first = await start();
    expect(first.mode).toBe('persistent');
    const repo = await createRepo(first);
    const acknowledged = new Map<string, Buffer>();
    const attempted = new Map<string, Buffer>();
    // a large streamed upload is still in flight when the process dies
    const abort = new AbortController();
    let sent = 0;
    const big = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (++sent > 256 || abort.signal.aborted) return controller.close();
        controller.enqueue(randomBytes(1 << 20));
        await new Promise<void>((r) => setImmediate(r));
      },
    });
    const inFlight = fetch(
      `${first.endpoint}/api/v1/repositories/${repo}/branches/main/objects?path=big.bin`,
      {
        method: 'POST',
        headers: { ...first.headers, 'content-type': 'application/octet-stream' },
        body: big,
        duplex: 'half',
      } as RequestInit,
    ).catch(() => undefined);
    let killed = false;
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; !killed; i++) {
        const path = `w${w}/obj-${i}`;
        const body = randomBytes(1000 + ((w * 7919 + i * 104_729) % 200_000));
        attempted.set(path, body);
        const status = await upload(first, repo, 'main', path, body).catch(() => 0);
        if (status === 201 && !killed) acknowledged.set(path, body);
        if (acknowledged.size >= 60 && !killed) {
          killed = true;
          await first.kill9();
        }
      }
    });
    await Promise.all(writers);
    abort.abort();
    await inFlight;

    const second = await start();
    expect({ key: second.accessKeyId, secret: second.secretAccessKey }).toEqual({
      key: first.accessKeyId,
      secret: first.secretAccessKey,
    });
    for (const [path, body] of acknowledged) {
      const got = await download(second, repo, 'main', path);
      expect({ path, status: got.status, same: got.body.equals(body) }).toEqual({
        path,
        status: 200,
        same: true,
      });
    }
    // what was not acknowledged is absent or whole, never cut short
    for (const [path, body] of attempted) {
      if (acknowledged.has(path)) continue;
      const got = await download(second, repo, 'main', path);
      if (got.status === 200) expect(got.body.equals(body)).toBe(true);
      else expect(got.status).toBe(404);
    }
    expect((await download(second, repo, 'main', 'big.bin')).status).toBe(404);
    expect(await readdir(join(dir, '.partial'))).toEqual([]);
  });

  it('keeps an acknowledged commit, branch, tag and metadata through kill -9 right after the answer', async () => {
    const first = await start();
    const repo = await createRepo(first);
    await stageMany(first, repo, 'main', 'c/', 40);
    const commit = await first.api('POST', `/repositories/${repo}/branches/main/commits`, {
      message: 'forty',
    });
    expect(commit.status).toBe(201);
    expect(
      (await first.api('POST', `/repositories/${repo}/branches`, { name: 'dev', source: 'main' })).status,
    ).toBe(201);
    expect((await first.api('POST', `/repositories/${repo}/tags`, { id: 'v1', ref: 'main' })).status).toBe(
      201,
    );
    expect(
      (await first.api('POST', `/repositories/${repo}/metadata`, { metadata: { owner: 'ops' } })).status,
    ).toBe(204);
    expect(await upload(first, repo, 'dev', 'staged-only', 'pending')).toBe(201);
    await first.kill9();

    const second = await start();
    const id = (commit.json as { id: string }).id;
    expect(await headOf(second, repo, 'main')).toBe(id);
    expect(await headOf(second, repo, 'dev')).toBe(id);
    expect(
      ((await second.api('GET', `/repositories/${repo}/tags/v1`)).json as { commit_id: string }).commit_id,
    ).toBe(id);
    expect((await second.api('GET', `/repositories/${repo}/metadata`)).json).toEqual({ owner: 'ops' });
    expect((await listAll(second, repo, 'main')).size).toBe(40);
    expect(await uncommitted(second, repo, 'main')).toBe(0);
    expect((await download(second, repo, 'dev', 'staged-only')).body.toString()).toBe('pending');
    expect((await download(second, repo, id, 'c/7')).body.toString()).toBe('c/7');
  });

  it.each([
    ['before the commit transaction is durable', 'INTO commits@commit'],
    ['half-way through writing its tree nodes', 'INTO nodes@3'],
  ])('a commit killed %s is not there at all, and its changes stay staged', async (_label, killAt) => {
    const setup = await start();
    const repo = await createRepo(setup);
    await stageMany(setup, repo, 'main', 'k/', 300);
    const before = await headOf(setup, repo, 'main');
    await setup.kill9();

    const dying = await start({ LAKEFS_RX_TEST_KILL: killAt });
    const answer = await dying
      .api('POST', `/repositories/${repo}/branches/main/commits`, { message: 'never' })
      .catch(() => undefined);
    expect(answer).toBeUndefined();
    expect(await dying.exited).toBeNull();

    const after = await start();
    expect(await headOf(after, repo, 'main')).toBe(before);
    expect(await uncommitted(after, repo, 'main')).toBe(300);
    const log = (await after.api('GET', `/repositories/${repo}/refs/main/commits`)).json as {
      results: { message: string }[];
    };
    expect(log.results.map((c) => c.message)).toEqual(['Repository created']);
    // and the server works normally on that directory
    const commit = await after.api('POST', `/repositories/${repo}/branches/main/commits`, { message: 'now' });
    expect(commit.status).toBe(201);
    expect((await listAll(after, repo, 'main')).size).toBe(300);
  });

  it('a commit killed at any moment is all or nothing', async () => {
    const setup = await start();
    const repo = await createRepo(setup);
    await stageMany(setup, repo, 'main', 'm/', 400);
    const before = await headOf(setup, repo, 'main');
    await setup.kill9();
    // kill after increasing delays: before, during or after the commit, the state is one of the two
    for (const delayMs of [0, 2, 5, 10, 20, 40]) {
      const s = await start();
      const answered = s
        .api('POST', `/repositories/${repo}/branches/main/commits`, { message: `at ${delayMs}` })
        .then(
          (r) => r.status,
          () => 0,
        );
      await new Promise((r) => setTimeout(r, delayMs));
      await s.kill9();
      const status = await answered;
      const check = await start();
      const head = await headOf(check, repo, 'main');
      const staged = await uncommitted(check, repo, 'main');
      const listed = (await listAll(check, repo, 'main')).size;
      if (status === 201)
        expect({ moved: head !== before, staged, listed }).toEqual({ moved: true, staged: 0, listed: 400 });
      else if (head === before) expect({ staged, listed }).toEqual({ staged: 400, listed: 400 });
      else expect({ staged, listed }).toEqual({ staged: 0, listed: 400 });
      await check.kill9();
      if (head !== before) return;
    }
  });

  it('a merge killed before it is durable leaves the destination as it was', async () => {
    const setup = await start();
    const repo = await createRepo(setup);
    expect(
      (await setup.api('POST', `/repositories/${repo}/branches`, { name: 'dev', source: 'main' })).status,
    ).toBe(201);
    await stageMany(setup, repo, 'dev', 'd/', 200);
    expect(
      (await setup.api('POST', `/repositories/${repo}/branches/dev/commits`, { message: 'dev work' })).status,
    ).toBe(201);
    const before = await headOf(setup, repo, 'main');
    await setup.kill9();

    const dying = await start({ LAKEFS_RX_TEST_KILL: 'INTO commits@commit' });
    expect(
      await dying.api('POST', `/repositories/${repo}/refs/dev/merge/main`, {}).catch(() => undefined),
    ).toBeUndefined();
    await dying.exited;

    const after = await start();
    expect(await headOf(after, repo, 'main')).toBe(before);
    expect((await listAll(after, repo, 'main')).size).toBe(0);
    const merged = await after.api('POST', `/repositories/${repo}/refs/dev/merge/main`, {});
    expect(merged.status).toBe(200);
    await after.kill9();
    const again = await start();
    expect(await headOf(again, repo, 'main')).toBe((merged.json as { reference: string }).reference);
    expect((await listAll(again, repo, 'main')).size).toBe(200);
  });

  it('an import killed mid-way reports failure after restart and commits nothing', async () => {
    const source = join(dir, '..', `${dir.split('/').pop() as string}-import`);
    await mkdir(source, { recursive: true });
    for (let i = 0; i < 3000; i++) await writeFile(join(source, `f${i}.txt`), `file ${i}`);
    try {
      const setup = await start();
      const repo = await createRepo(setup);
      const before = await headOf(setup, repo, 'main');
      await setup.kill9();
      // the import's commit dies before it is durable
      const runner = await startWithImportRoot(dir, source, { LAKEFS_RX_TEST_KILL: 'INTO commits@commit' });
      server = runner;
      const started = await runner.api('POST', `/repositories/${repo}/branches/main/import`, {
        paths: [{ type: 'common_prefix', path: `local://${source}/`, destination: 'imported/' }],
        commit: { message: 'import' },
      });
      expect(started.status).toBe(202);
      const importId = (started.json as { id: string }).id;
      expect(await runner.exited).toBeNull();

      const after = await startWithImportRoot(dir, source);
      server = after;
      const status = (await after.api('GET', `/repositories/${repo}/branches/main/import?id=${importId}`))
        .json as {
        completed: boolean;
        error?: { message: string };
      };
      expect(status.completed).toBe(false);
      expect(status.error?.message).toMatch(/interrupted/);
      expect(await headOf(after, repo, 'main')).toBe(before);
      expect((await listAll(after, repo, 'main')).size).toBe(0);

      // killed while walking (or just after finishing): after restart the status is failed or completed,
      // and the branch has the whole import or none of it
      const second = await after.api('POST', `/repositories/${repo}/branches/main/import`, {
        paths: [{ type: 'common_prefix', path: `local://${source}/`, destination: 'imported/' }],
        commit: { message: 'import' },
      });
      const secondId = (second.json as { id: string }).id;
      for (;;) {
        const s = (await after.api('GET', `/repositories/${repo}/branches/main/import?id=${secondId}`))
          .json as {
          completed: boolean;
          ingested_objects: number;
        };
        if (s.completed || s.ingested_objects > 0) break;
      }
      await after.kill9();
      const last = await startWithImportRoot(dir, source);
      server = last;
      const final = (await last.api('GET', `/repositories/${repo}/branches/main/import?id=${secondId}`))
        .json as {
        completed: boolean;
        error?: { message: string };
        commit?: { id: string };
      };
      const listed = (await listAll(last, repo, 'main')).size;
      if (final.completed) {
        expect(listed).toBe(3000);
        expect(await headOf(last, repo, 'main')).toBe(final.commit?.id);
      } else {
        expect(final.error?.message).toMatch(/interrupted/);
        expect(listed).toBe(0);
      }
    } finally {
      await rm(source, { recursive: true, force: true });
    }
  });
});

/** `serve` with an import root (the helper's default has none). */
async function startWithImportRoot(dir: string, root: string, env: Record<string, string> = {}) {
  return startServe(dir, env, ['--import-root', root]);
}
