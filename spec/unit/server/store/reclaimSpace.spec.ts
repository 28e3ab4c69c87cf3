import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBranch } from '../../../../src/server/store/branchStore';
import { commitBranch } from '../../../../src/server/store/commitBranch';
import { openDataDir } from '../../../../src/server/store/durable/openDataDir';
import { makeEntry } from '../../../../src/server/store/makeEntry';
import { reclaimSpace } from '../../../../src/server/store/reclaimSpace';
import { ServerState } from '../../../../src/server/store/ServerState';
import type { RepositoryRecord } from '../../../../src/server/store/types';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

const settings = (dataDir: string | undefined) => ({
  importRoots: [],
  presign: false,
  dataDir,
  baseUrl: '',
  signingSecret: 'secret',
});

async function stage(
  state: ServerState,
  repo: RepositoryRecord,
  path: string,
  text: string,
): Promise<string> {
  const blob = await state.blockstore.write(repo.storageNamespace, bytes(text));
  findBranch(repo, 'main').staging.set(
    path,
    makeEntry({
      physicalAddress: blob.address,
      checksum: blob.checksum,
      sizeBytes: blob.sizeBytes,
      mtime: 0,
      contentType: 'text/plain',
      metadata: {},
    }),
  );
  return blob.address;
}

async function storedAddresses(state: ServerState): Promise<string[]> {
  const out: string[] = [];
  for await (const s of state.blockstore.stored()) out.push(s.address);
  return out.sort();
}

describe.each([
  ['memory', false],
  ['a data directory', true],
])('reclaimSpace in %s', (_label, durable) => {
  let dir: string | undefined;
  let state: ServerState;
  let close = (): void => undefined;

  beforeEach(async () => {
    dir = durable ? mkdtempSync(join(tmpdir(), 'lakefs-rx-reclaim-')) : undefined;
    const opened = dir ? await openDataDir(dir) : undefined;
    close = () => opened?.db.close();
    state = new ServerState(settings(dir), opened?.records);
  });

  afterEach(() => {
    close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('frees overwritten and deleted objects, keeps what a commit or staging needs, then frees a deleted repository', async () => {
    const repo = state.createRepository({
      id: 'reclaim-repo',
      storageNamespace: 'local://ns/reclaim',
      defaultBranch: 'main',
      readOnly: false,
      bare: false,
    });
    const overwritten = await stage(state, repo, 'a', 'first');
    const committed = await stage(state, repo, 'a', 'second');
    commitBranch(repo, findBranch(repo, 'main'), { message: 'a', committer: 't' });
    const history = await stage(state, repo, 'a', 'third');
    commitBranch(repo, findBranch(repo, 'main'), { message: 'a again', committer: 't' });
    const deleted = await stage(state, repo, 'b', 'gone');
    findBranch(repo, 'main').staging.delete('b');
    const staged = await stage(state, repo, 'c', 'staged');
    const reserved = state.blockstore.newAddress(repo.storageNamespace);
    await state.blockstore.writeAt(reserved, bytes('uploaded, not linked yet'));

    expect(await reclaimSpace(state, { graceMs: 60_000 })).toMatchObject({ removedObjects: 0 });
    const first = await reclaimSpace(state, { graceMs: -1 });
    expect(first).toMatchObject({ removedObjects: 2, removedNodes: 0 });
    expect(await storedAddresses(state)).toEqual([committed, history, reserved, staged].sort());
    expect(await storedAddresses(state)).not.toContain(overwritten);
    expect(await storedAddresses(state)).not.toContain(deleted);

    state.deleteRepository(repo.id);
    const second = await reclaimSpace(state, { graceMs: -1 });
    expect(second.removedObjects).toBe(3);
    if (durable) expect(second.removedNodes).toBeGreaterThan(0);
    expect(await storedAddresses(state)).toEqual([reserved]);
    if (dir) expect(readdirSync(join(dir, '.partial'))).toEqual([]);
  });

  if (durable)
    it('removes the directories its removals left empty, never one a concurrent write is filling', async () => {
      const root = dir as string;
      const ns = 'local://ns/dirs';
      const gone = await state.blockstore.write(ns, bytes('unreferenced'));
      let started = (): void => undefined;
      const writing = new Promise<void>((resolve) => (started = resolve));
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      async function* slow(): AsyncGenerator<Uint8Array> {
        // writeAt has made the file's directory by now; reclamation finds it empty
        started();
        await gate;
        yield Buffer.from('late');
      }
      const written = state.blockstore.write(ns, slow());
      await writing;

      const report = await reclaimSpace(state, { graceMs: -1 });
      expect(report.removedObjects).toBe(1);
      expect(report.removedDirectories).toBeGreaterThan(0);
      release();
      const late = (await written).address;
      const read: Buffer[] = [];
      for await (const chunk of await state.blockstore.open(late)) read.push(chunk as Buffer);
      expect(Buffer.concat(read).toString()).toBe('late');
      expect(await storedAddresses(state)).toEqual([late]);
      expect(await storedAddresses(state)).not.toContain(gone.address);

      // once that object is gone too, no empty directory is left under any data directory
      expect((await reclaimSpace(state, { graceMs: -1 })).removedObjects).toBe(1);
      const empty = (readdirSync(root, { recursive: true }) as string[])
        .map((p) => join(root, p))
        .filter((p) => p.includes('/data') && statSync(p).isDirectory() && readdirSync(p).length === 0);
      expect(empty).toEqual([]);
    });
});
