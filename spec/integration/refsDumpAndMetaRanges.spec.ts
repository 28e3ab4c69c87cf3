import { last, lastValueFrom, reduce } from 'rxjs';
import {
  BadRequestError,
  GoneError,
  type RefsTaskStatus,
  RefsTaskError,
  type Repository,
  ServerError,
} from '../../src';
import { decodeTable } from '../../src/server/metadata/sstable';
import { parseGravelerValue, parseEntryMessage } from '../../src/server/metadata/gravelerRecords';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

const HEX_ID = /^[0-9a-f]{64}$/;
/** The last 8 bytes of a table: LevelDB's magic (this server) or RocksDB's (lakeFS's Pebble writer). */
const TABLE_MAGICS = ['57fb808b247547db', 'f7cff485b741e288'];
const decoder = new TextDecoder();

const bytesOf = (chunks: Uint8Array[]): Buffer => Buffer.concat(chunks.map((c) => Buffer.from(c)));

describe('refs dump/restore and meta-range reads', () => {
  let target: TestTarget;
  const repos = repoFixture(() => target);
  const bare: Repository[] = [];
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    for (const repo of bare) await run(repo.delete({ missingOk: true })).catch(() => undefined);
    await target.close();
  });

  /** A repository with one committed object on main and a tag `v1` on that commit. */
  async function populated(
    label: string,
  ): Promise<{ repo: Repository; commitId: string; metaRangeId: string }> {
    const repo = await repos.create(label);
    await run(repo.branch('main').object('data/a.txt').upload('alpha', { contentType: 'text/plain' }));
    const commit = await run(repo.branch('main').commit('one object', { metadata: { k: 'v' } }));
    await run(repo.tag('v1').create(commit.id));
    return { repo, commitId: commit.id, metaRangeId: commit.metaRangeId };
  }

  /** A bare repository (deleted after the file) on the given namespace. */
  async function bareRepository(label: string, storageNamespace: string): Promise<Repository> {
    const repo = target.lakefs.repository(target.repoId(label));
    bare.push(repo);
    const info = await run(repo.create({ storageNamespace, bare: true }));
    expect(info.id).toBe(repo.id);
    await expect(all(repo.branches())).resolves.toEqual([]);
    return repo;
  }

  /** Raw GET of an API path: status, Location header, body. */
  async function rawGet(path: string): Promise<{ status: number; location: string | null; body: string }> {
    const { accessKeyId, secretAccessKey } = target.credentials;
    const response = await fetch(`${target.endpoint}/api/v1${path}`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`,
      },
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  it('answers a meta-range and a range with their location in the namespace, as header and body', async () => {
    const { repo, metaRangeId } = await populated('mr-location');
    const metaRange = await rawGet(`/repositories/${repo.id}/metadata/meta_range/${metaRangeId}`);
    expect(metaRange).toEqual({
      status: 200,
      location: `_lakefs/${metaRangeId}`,
      body: expect.stringContaining(`"location":"_lakefs/${metaRangeId}"`),
    });
    await expect(run(target.lakefs.api.getMetaRange(repo.id, metaRangeId))).resolves.toEqual({
      location: `_lakefs/${metaRangeId}`,
    });
    // lakeFS does not look: any id has a location
    await expect(run(target.lakefs.api.getRange(repo.id, 'deadbeef'))).resolves.toEqual({
      location: '_lakefs/deadbeef',
    });
    const missingRepo = run(target.lakefs.api.getMetaRange(target.repoId('nowhere'), metaRangeId));
    await expect(missingRepo).rejects.toMatchObject({ status: 404 });
  });

  it('downloads a meta-range as a table; a missing file is 410, an unknown type 400, presign on local storage 400', async () => {
    const { repo, metaRangeId } = await populated('mr-download');
    const api = target.lakefs.api;
    const table = bytesOf(await all(api.getMetadataObject(repo.id, 'meta_range', metaRangeId)));
    expect(TABLE_MAGICS).toContain(table.subarray(table.length - 8).toString('hex'));
    const missing = all(api.getMetadataObject(repo.id, 'range', 'deadbeef'));
    await expect(missing).rejects.toBeInstanceOf(GoneError);
    await expect(missing).rejects.toMatchObject({ status: 410, serverMessage: 'No data' });
    const badType = await rawGet(`/repositories/${repo.id}/metadata/object/other/deadbeef`);
    expect(badType.status).toBe(400);
    expect(badType.body).toContain('value is not one of the allowed values');
    const presigned = await rawGet(
      `/repositories/${repo.id}/metadata/object/meta_range/${metaRangeId}?presign=true`,
    );
    expect(presigned.status).toBe(400);
    expect(presigned.body).toContain('local adapter presigned URL: operation not supported');
  });

  itLocal('its meta-range names ranges whose records are the commit’s entries', async () => {
    const { repo, metaRangeId } = await populated('mr-records');
    const api = target.lakefs.api;
    const metaRange = [
      ...decodeTable(bytesOf(await all(api.getMetadataObject(repo.id, 'meta_range', metaRangeId)))),
    ];
    expect(metaRange.map((r) => decoder.decode(r.key))).toEqual(['data/a.txt']);
    const rangeId = decoder.decode(
      parseGravelerValue((metaRange[0] as { value: Uint8Array }).value).identity,
    );
    expect(rangeId).toMatch(HEX_ID);
    const range = [...decodeTable(bytesOf(await all(api.getMetadataObject(repo.id, 'range', rangeId))))];
    expect(range).toHaveLength(1);
    const entry = parseEntryMessage(parseGravelerValue((range[0] as { value: Uint8Array }).value).data);
    const stat = await run(repo.ref('main').object('data/a.txt').stat());
    expect(entry).toMatchObject({
      physicalAddress: stat.physicalAddress,
      checksum: stat.checksum,
      sizeBytes: 5,
      contentType: 'text/plain',
    });
  });

  itLocal(
    'with presign on, redirects a metadata download to a presigned URL that serves the file',
    async () => {
      const presigning = await startTarget({ presign: true });
      try {
        const repo = presigning.lakefs.repository(presigning.repoId('mr-presign'));
        await run(repo.create());
        await run(repo.branch('main').object('x.txt').upload('x'));
        const { metaRangeId } = await run(repo.branch('main').commit('x'));
        const { accessKeyId, secretAccessKey } = presigning.credentials;
        const response = await fetch(
          `${presigning.endpoint}/api/v1/repositories/${repo.id}/metadata/object/meta_range/${metaRangeId}?presign=true`,
          {
            headers: {
              authorization: `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`,
            },
            redirect: 'manual',
          },
        );
        expect(response.status).toBe(302);
        const direct = bytesOf(
          await all(presigning.lakefs.api.getMetadataObject(repo.id, 'meta_range', metaRangeId)),
        );
        const viaUrl = Buffer.from(
          await (await fetch(response.headers.get('location') as string)).arrayBuffer(),
        );
        expect(viaUrl.equals(direct)).toBe(true);
      } finally {
        await presigning.close();
      }
    },
  );

  it('dumps refs as ticks ending with the manifest, the same ids the synchronous dump gives', async () => {
    const { repo } = await populated('dump');
    const ticks = await lastValueFrom(
      repo.dumpRefs({ pollIntervalMs: 20 }).pipe(reduce((acc: RefsTaskStatus[], t) => [...acc, t], [])),
    );
    const done = ticks[ticks.length - 1] as RefsTaskStatus;
    expect(ticks.slice(0, -1).every((t) => !t.done)).toBe(true);
    expect(done.done).toBe(true);
    expect(done.taskId).toMatch(/\S/);
    expect(done.updateTime).toBeInstanceOf(Date);
    const refs = done.refs as NonNullable<RefsTaskStatus['refs']>;
    for (const id of Object.values(refs)) expect(id).toMatch(HEX_ID);
    const sync = await run(target.lakefs.api.dumpRefs(repo.id));
    expect(sync).toEqual({
      commits_meta_range_id: refs.commitsMetaRangeId,
      tags_meta_range_id: refs.tagsMetaRangeId,
      branches_meta_range_id: refs.branchesMetaRangeId,
    });
  });

  it('restores a dump into a bare repository on the same namespace: branches, tags, log and data', async () => {
    const { repo, commitId } = await populated('restore-src');
    await run(repo.branch('dev').create('main'));
    const manifest = (await run(repo.dumpRefs({ pollIntervalMs: 20 }).pipe(last()))).refs;
    if (!manifest) throw new Error('no manifest');
    const { storageNamespace } = await run(repo.properties());
    const copy = await bareRepository('restore-dst', storageNamespace);
    const ticks = await all(copy.restoreRefs(manifest, { pollIntervalMs: 20 }));
    expect(ticks[ticks.length - 1]).toMatchObject({ done: true });
    const branches = await all(copy.branches());
    expect(branches.map((b) => b.id).sort()).toEqual(['dev', 'main']);
    await expect(run(copy.branch('main').head())).resolves.toMatchObject({ id: commitId });
    await expect(run(copy.tag('v1').getCommit())).resolves.toMatchObject({
      id: commitId,
      metadata: { k: 'v' },
    });
    const log = await all(copy.ref('main').log());
    expect(log.map((c) => c.id)).toEqual((await all(repo.ref('main').log())).map((c) => c.id));
    await expect(run(copy.ref('v1').object('data/a.txt').text())).resolves.toBe('alpha');
    // the restored repository works like any other
    await run(copy.branch('main').object('data/b.txt').upload('beta'));
    await expect(run(copy.branch('main').commit('after restore'))).resolves.toMatchObject({
      parents: [commitId],
    });
    // it is no longer bare
    const again = run(copy.restoreRefs(manifest));
    await expect(again).rejects.toBeInstanceOf(BadRequestError);
    await expect(again).rejects.toMatchObject({ serverMessage: 'can only restore into a bare repository' });
  });

  it('refuses to restore into a repository that is not bare, synchronously and as a task', async () => {
    const { repo } = await populated('restore-not-bare');
    const manifest = (await run(repo.dumpRefs({ pollIntervalMs: 20 }).pipe(last()))).refs;
    if (!manifest) throw new Error('no manifest');
    const task = run(repo.restoreRefs(manifest));
    await expect(task).rejects.toBeInstanceOf(BadRequestError);
    await expect(task).rejects.toMatchObject({
      status: 400,
      serverMessage: 'can only restore into a bare repository',
    });
    const sync = run(
      target.lakefs.api.restoreRefs(repo.id, {
        commits_meta_range_id: manifest.commitsMetaRangeId,
        tags_meta_range_id: manifest.tagsMetaRangeId,
        branches_meta_range_id: manifest.branchesMetaRangeId,
      }),
    );
    await expect(sync).rejects.toMatchObject({
      status: 400,
      serverMessage: 'can only restore into a bare repository',
    });
  });

  it('fails a restore whose files the namespace does not hold: the task with `No data`, the synchronous call 410', async () => {
    const { repo } = await populated('restore-elsewhere');
    const manifest = (await run(repo.dumpRefs({ pollIntervalMs: 20 }).pipe(last()))).refs;
    if (!manifest) throw new Error('no manifest');
    const { storageNamespace } = await run(repo.properties());
    const elsewhere = await bareRepository('restore-empty-ns', `${storageNamespace}-elsewhere`);
    const failed = run(elsewhere.restoreRefs(manifest, { pollIntervalMs: 20 }));
    await expect(failed).rejects.toBeInstanceOf(RefsTaskError);
    await expect(failed).rejects.toThrow(/No data/);
    const sync = run(
      target.lakefs.api.restoreRefs(elsewhere.id, {
        commits_meta_range_id: manifest.commitsMetaRangeId,
        tags_meta_range_id: manifest.tagsMetaRangeId,
        branches_meta_range_id: manifest.branchesMetaRangeId,
      }),
    );
    await expect(sync).rejects.toMatchObject({ status: 410, serverMessage: 'No data' });
    await expect(all(elsewhere.branches())).resolves.toEqual([]);
  });

  it('answers 404 for an unknown task and 400 without a task id', async () => {
    const repo = await repos.create('tasks');
    const unknown = run(target.lakefs.api.dumpStatus(repo.id, { task_id: 'no-such-task' }));
    await expect(unknown).rejects.toMatchObject({ status: 404, serverMessage: 'not found' });
    const restore = run(target.lakefs.api.restoreStatus(repo.id, { task_id: 'no-such-task' }));
    await expect(restore).rejects.toMatchObject({ status: 404 });
    const noId = await rawGet(`/repositories/${repo.id}/dump`);
    expect(noId.status).toBe(400);
    expect(noId.body).toContain('value is required but missing');
  });

  it('commits a branch with the content of another commit’s meta-range (source_metarange)', async () => {
    const { repo, metaRangeId, commitId } = await populated('source-mr');
    const api = target.lakefs.api;
    await run(repo.branch('other').create(commitId));
    await run(repo.branch('other').object('data/a.txt').delete());
    await run(repo.branch('other').object('data/z.txt').upload('zeta'));
    const other = await run(repo.branch('other').commit('different content'));
    expect(other.metaRangeId).not.toBe(metaRangeId);
    const commit = await run(
      api.commit(repo.id, 'other', { message: 'back to main’s content' }, { source_metarange: metaRangeId }),
    );
    expect(commit).toMatchObject({
      meta_range_id: metaRangeId,
      parents: [other.id],
      message: 'back to main’s content',
    });
    const paths = (await all(repo.ref('other').objects())).map((o) => o.path);
    expect(paths).toEqual(['data/a.txt']);
    // no "no changes" check: the same meta-range again is a new commit
    await expect(
      run(api.commit(repo.id, 'other', { message: 'same again' }, { source_metarange: metaRangeId })),
    ).resolves.toMatchObject({ meta_range_id: metaRangeId });
    await run(repo.branch('other').object('dirty.txt').upload('x'));
    const dirty = run(api.commit(repo.id, 'other', { message: 'dirty' }, { source_metarange: metaRangeId }));
    await expect(dirty).rejects.toBeInstanceOf(ServerError);
    await expect(dirty).rejects.toMatchObject({
      status: 400,
      serverMessage: 'cannot use source MetaRange on a branch with uncommitted changes',
    });
  });
});
