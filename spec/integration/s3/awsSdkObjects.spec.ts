import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { Repository } from '../../../src';
import { startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, md5, repoFixture, run } from '../helpers/repoFixture';
import { bodyBytes, s3Failure, s3For } from './s3Support';

describe('S3 gateway through @aws-sdk/client-s3: buckets and objects', () => {
  let target: TestTarget;
  let s3: S3Client;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
    s3 = s3For(target);
  });
  afterAll(async () => {
    s3.destroy();
    await target.close();
  });

  const put = (
    repo: Repository,
    key: string,
    body: string | Buffer,
    extra: Partial<PutObjectCommand['input']> = {},
  ) => s3.send(new PutObjectCommand({ Bucket: repo.id, Key: key, Body: body, ...extra }));

  it('lists repositories as buckets and heads them; a missing one is 404', async () => {
    const repo = await repos.create('s3-buckets');
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContain(repo.id);
    await expect(s3.send(new HeadBucketCommand({ Bucket: repo.id }))).resolves.toBeDefined();
    expect(await s3Failure(s3.send(new HeadBucketCommand({ Bucket: `${repo.id}-none` })))).toEqual({
      name: 'NotFound',
      status: 404,
    });
    expect(
      await s3Failure(s3.send(new ListObjectsV2Command({ Bucket: `${repo.id}-none`, Prefix: 'main/' }))),
    ).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
  });

  it('PutObject stages the object with its content type and metadata: stat, objects() and uncommitted() see it, commit() commits it', async () => {
    const repo = await repos.create('s3-put');
    const main = repo.branch('main');
    const put1 = await put(repo, 'main/data/a.csv', 'x,y\n1,2\n', {
      ContentType: 'text/csv',
      Metadata: { owner: 'Ada' },
    });
    expect(put1.ETag).toBe(`"${md5('x,y\n1,2\n')}"`);
    // a streamed body: the SDK sends it aws-chunked with a CRC32 trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER)
    const streamed = Buffer.alloc(300_000, 7);
    await put(
      repo,
      'main/data/b.bin',
      Readable.from([streamed.subarray(0, 100_000), streamed.subarray(100_000)]) as never,
      {
        ContentLength: streamed.length,
      },
    );

    const stat = await run(main.object('data/a.csv').stat());
    expect(stat).toMatchObject({ sizeBytes: 8, checksum: md5('x,y\n1,2\n'), contentType: 'text/csv' });
    expect(stat.metadata).toEqual({ 'X-Amz-Meta-owner': 'Ada' });
    expect(await run(main.object('data/b.bin').stat())).toMatchObject({
      sizeBytes: 300_000,
      checksum: md5(streamed),
    });
    const listed = await all(main.objects({ prefix: 'data/' }));
    expect(listed.map((o) => o.path)).toEqual(['data/a.csv', 'data/b.bin']);
    const changes = await all(main.uncommitted());
    expect(changes.map((c) => [c.type, c.path])).toEqual([
      ['added', 'data/a.csv'],
      ['added', 'data/b.bin'],
    ]);

    const head = await s3.send(new HeadObjectCommand({ Bucket: repo.id, Key: 'main/data/a.csv' }));
    expect(head).toMatchObject({ ContentType: 'text/csv', ContentLength: 8, Metadata: { owner: 'Ada' } });

    const commit = await run(main.commit('from S3'));
    expect(await all(main.uncommitted())).toEqual([]);
    const fromCommit = await s3.send(
      new GetObjectCommand({ Bucket: repo.id, Key: `${commit.id}/data/b.bin` }),
    );
    expect(md5(await bodyBytes(fromCommit.Body))).toBe(md5(streamed));
  });

  it('GetObject honours Range (first bytes, a middle slice, a suffix) and answers InvalidRange past the end', async () => {
    const repo = await repos.create('s3-range');
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    await put(repo, 'main/r.bin', data);
    const read = async (range: string) => {
      const out = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'main/r.bin', Range: range }));
      return { body: await bodyBytes(out.Body), contentRange: out.ContentRange, length: out.ContentLength };
    };
    expect(await read('bytes=0-9')).toEqual({
      body: data.subarray(0, 10),
      contentRange: 'bytes 0-9/1000',
      length: 10,
    });
    expect((await read('bytes=500-749')).body.equals(data.subarray(500, 750))).toBe(true);
    expect(await read('bytes=-5')).toMatchObject({
      body: data.subarray(995),
      contentRange: 'bytes 995-999/1000',
    });
    expect(await read('bytes=990-')).toMatchObject({
      body: data.subarray(990),
      contentRange: 'bytes 990-999/1000',
    });
    expect(await s3Failure(read('bytes=5000-6000'))).toEqual({ name: 'InvalidRange', status: 416 });
  });

  it('missing keys are NoSuchKey (GET) and 404 (HEAD)', async () => {
    const repo = await repos.create('s3-missing');
    expect(await s3Failure(s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'main/none' })))).toEqual({
      name: 'NoSuchKey',
      status: 404,
    });
    expect(await s3Failure(s3.send(new HeadObjectCommand({ Bucket: repo.id, Key: 'main/none' })))).toEqual({
      name: 'NotFound',
      status: 404,
    });
    expect(
      await s3Failure(s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'no-branch/x' }))),
    ).toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('lists V1 and V2 with prefix, delimiter, max-keys and continuation; a prefix without a slash lists branches', async () => {
    const repo = await repos.create('s3-list');
    await run(repo.branch('dev').create('main'));
    for (const key of ['a/1', 'a/2', 'b/1', 'b/2/x', 'c', 'd']) await put(repo, `main/${key}`, key);

    const branches = await s3.send(new ListObjectsV2Command({ Bucket: repo.id, Delimiter: '/' }));
    expect(branches.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['dev/', 'main/']);
    const grouped = await s3.send(
      new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/', Delimiter: '/' }),
    );
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['main/a/', 'main/b/']);
    expect(grouped.Contents?.map((c) => c.Key)).toEqual(['main/c', 'main/d']);
    expect(grouped.Contents?.[0]).toMatchObject({ Size: 1, ETag: `"${md5('c')}"` });
    const underB = await s3.send(
      new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/b/', Delimiter: '/' }),
    );
    expect([underB.Contents?.map((c) => c.Key), underB.CommonPrefixes?.map((p) => p.Prefix)]).toEqual([
      ['main/b/1'],
      ['main/b/2/'],
    ]);

    const keysV2: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/', MaxKeys: 4, ContinuationToken: token }),
      );
      keysV2.push(...(page.Contents ?? []).map((c) => c.Key as string));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(keysV2).toEqual(['main/a/1', 'main/a/2', 'main/b/1', 'main/b/2/x', 'main/c', 'main/d']);

    const keysV1: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListObjectsCommand({ Bucket: repo.id, Prefix: 'main/', MaxKeys: 5, Marker: marker }),
      );
      keysV1.push(...(page.Contents ?? []).map((c) => c.Key as string));
      if (!page.IsTruncated) break;
      marker = page.NextMarker ?? keysV1[keysV1.length - 1];
    }
    expect(keysV1).toEqual(keysV2);
    const start = await s3.send(
      new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/', StartAfter: 'main/b/2/x' }),
    );
    expect(start.Contents?.map((c) => c.Key)).toEqual(['main/c', 'main/d']);
  });

  it('CopyObject within a branch, across branches and from a tag; user metadata is copied or replaced', async () => {
    const repo = await repos.create('s3-copy');
    await put(repo, 'main/src.txt', 'source', { ContentType: 'text/plain', Metadata: { k: 'v' } });
    await run(repo.branch('main').commit('source'));
    await run(repo.tag('v1').create('main'));
    await run(repo.branch('feature').create('main'));

    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: repo.id, Key: 'main/copy.txt', CopySource: `${repo.id}/main/src.txt` }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('source')}"`);
    await s3.send(
      new CopyObjectCommand({
        Bucket: repo.id,
        Key: 'feature/replaced.txt',
        CopySource: `${repo.id}/main/src.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/x-new',
        Metadata: { other: '1' },
      }),
    );
    await s3.send(
      new CopyObjectCommand({
        Bucket: repo.id,
        Key: 'feature/tagged.txt',
        CopySource: `${repo.id}/v1/src.txt`,
      }),
    );

    expect(await run(repo.branch('main').object('copy.txt').stat())).toMatchObject({
      checksum: md5('source'),
      contentType: 'text/plain',
      metadata: { 'X-Amz-Meta-k': 'v' },
    });
    // lakeFS replaces the user metadata but keeps the source's content type
    expect(await run(repo.branch('feature').object('replaced.txt').stat())).toMatchObject({
      contentType: 'text/plain',
      metadata: { 'X-Amz-Meta-other': '1' },
    });
    expect((await all(repo.branch('feature').uncommitted())).map((c) => c.path)).toEqual([
      'replaced.txt',
      'tagged.txt',
    ]);
    const body = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'feature/tagged.txt' }));
    expect((await bodyBytes(body.Body)).toString()).toBe('source');
    expect(
      await s3Failure(
        s3.send(
          new CopyObjectCommand({ Bucket: repo.id, Key: 'main/x', CopySource: `${repo.id}/main/absent` }),
        ),
      ),
    ).toEqual({ name: 'NoSuchKey', status: 404 });
  });

  it('DeleteObject and DeleteObjects stage removals the API sees; deleting twice is fine', async () => {
    const repo = await repos.create('s3-delete');
    const main = repo.branch('main');
    for (const key of ['keep', 'gone1', 'gone2', 'gone3']) await put(repo, `main/${key}`, key);
    await run(main.commit('four objects'));

    await s3.send(new DeleteObjectCommand({ Bucket: repo.id, Key: 'main/gone1' }));
    await s3.send(new DeleteObjectCommand({ Bucket: repo.id, Key: 'main/gone1' }));
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: repo.id,
        Delete: { Objects: [{ Key: 'main/gone2' }, { Key: 'main/gone3' }, { Key: 'main/never' }] },
      }),
    );
    expect(result.Deleted?.map((d) => d.Key).sort()).toEqual(['main/gone2', 'main/gone3', 'main/never']);
    expect(result.Errors ?? []).toEqual([]);

    const changes = await all(main.uncommitted());
    expect(changes.map((c) => [c.type, c.path])).toEqual([
      ['removed', 'gone1'],
      ['removed', 'gone2'],
      ['removed', 'gone3'],
    ]);
    expect((await all(main.objects())).map((o) => o.path)).toEqual(['keep']);
    const quiet = await s3.send(
      new DeleteObjectsCommand({ Bucket: repo.id, Delete: { Objects: [{ Key: 'main/keep' }], Quiet: true } }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(await all(main.objects())).toEqual([]);
  });

  it('commit ids and tags are read-only: writes are NoSuchBucket, deletes change nothing, reads work', async () => {
    const repo = await repos.create('s3-readonly-refs');
    await put(repo, 'main/obj', 'committed');
    const commit = await run(repo.branch('main').commit('one'));
    await run(repo.tag('t1').create(commit.id));
    for (const ref of ['t1', commit.id]) {
      expect(await s3Failure(put(repo, `${ref}/new`, 'x'))).toEqual({ name: 'NoSuchBucket', status: 404 });
      await s3.send(new DeleteObjectCommand({ Bucket: repo.id, Key: `${ref}/obj` }));
      const read = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: `${ref}/obj` }));
      expect((await bodyBytes(read.Body)).toString()).toBe('committed');
    }
    expect(await all(repo.branch('main').uncommitted())).toEqual([]);
  });

  it('a read-only repository refuses writes with ErrReadOnlyRepository', async () => {
    const repo = await repos.create('s3-ro-repo', { readOnly: true });
    expect(await s3Failure(put(repo, 'main/x', 'x'))).toEqual({ name: 'ErrReadOnlyRepository', status: 403 });
    expect(await s3Failure(s3.send(new DeleteObjectCommand({ Bucket: repo.id, Key: 'main/x' })))).toEqual({
      name: 'ErrReadOnlyRepository',
      status: 403,
    });
  });
});
