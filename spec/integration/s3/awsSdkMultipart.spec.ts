import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, md5, randomChunks, repoFixture, run } from '../helpers/repoFixture';
import { bodyBytes, s3Failure, s3For } from './s3Support';

const MiB = 1024 * 1024;
/** S3's multipart ETag: MD5 of the parts' binary MD5s, then `-<count>`. */
const multipartEtag = (parts: readonly Buffer[]): string =>
  `${createHash('md5')
    .update(Buffer.concat(parts.map((p) => createHash('md5').update(p).digest())))
    .digest('hex')}-${parts.length}`;

describe('S3 gateway through @aws-sdk/client-s3 and lib-storage: multipart uploads', () => {
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

  it('creates, uploads parts, completes: the object is staged with the upload’s content type and metadata', async () => {
    const repo = await repos.create('s3-mpu');
    const key = 'main/parts/object.bin';
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: repo.id,
        Key: key,
        ContentType: 'application/x-parts',
        Metadata: { m: '1' },
      }),
    );
    const parts = [Buffer.alloc(5 * MiB, 1), Buffer.from('the tail')];
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket: repo.id, Key: key, UploadId, PartNumber: i + 1, Body: body }),
      );
      expect(ETag).toBe(`"${md5(body)}"`);
      etags.push(ETag as string);
    }
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: repo.id,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    expect(done.ETag).toBe(`"${multipartEtag(parts)}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: repo.id, Key: key }));
    expect(head).toMatchObject({
      ContentLength: 5 * MiB + 8,
      ContentType: 'application/x-parts',
      Metadata: { m: '1' },
    });
    const tail = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: key, Range: 'bytes=-8' }));
    expect((await bodyBytes(tail.Body)).toString()).toBe('the tail');
    expect(await run(repo.branch('main').object('parts/object.bin').stat())).toMatchObject({
      sizeBytes: 5 * MiB + 8,
      contentType: 'application/x-parts',
      metadata: { 'X-Amz-Meta-m': '1' },
    });
    expect((await all(repo.branch('main').uncommitted())).map((c) => [c.type, c.path])).toEqual([
      ['added', 'parts/object.bin'],
    ]);
  });

  it('aborts an upload: nothing is staged', async () => {
    const repo = await repos.create('s3-mpu-abort');
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: repo.id, Key: 'main/aborted' }),
    );
    await s3.send(
      new UploadPartCommand({ Bucket: repo.id, Key: 'main/aborted', UploadId, PartNumber: 1, Body: 'x' }),
    );
    await s3.send(new AbortMultipartUploadCommand({ Bucket: repo.id, Key: 'main/aborted', UploadId }));
    expect(await all(repo.branch('main').uncommitted())).toEqual([]);
    expect(
      await s3Failure(
        s3.send(new AbortMultipartUploadCommand({ Bucket: repo.id, Key: 'main/aborted', UploadId: 'nope' })),
      ),
    ).toEqual({ name: 'NoSuchKey', status: 404 });
  });

  it('copies a part from an object on another ref (UploadPartCopy with a range)', async () => {
    const repo = await repos.create('s3-mpu-copy');
    const source = Buffer.from(Array.from({ length: 6 * MiB }, (_, i) => i % 256));
    await s3.send(new PutObjectCommand({ Bucket: repo.id, Key: 'main/source.bin', Body: source }));
    await run(repo.branch('main').commit('source'));
    await run(repo.branch('dev').create('main'));
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: repo.id, Key: 'dev/assembled.bin' }),
    );
    const copied = await s3.send(
      new UploadPartCopyCommand({
        Bucket: repo.id,
        Key: 'dev/assembled.bin',
        UploadId,
        PartNumber: 1,
        CopySource: `${repo.id}/main/source.bin`,
        CopySourceRange: `bytes=0-${5 * MiB - 1}`,
      }),
    );
    const second = await s3.send(
      new UploadPartCommand({
        Bucket: repo.id,
        Key: 'dev/assembled.bin',
        UploadId,
        PartNumber: 2,
        Body: 'end',
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: repo.id,
        Key: 'dev/assembled.bin',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: copied.CopyPartResult?.ETag },
            { PartNumber: 2, ETag: second.ETag },
          ],
        },
      }),
    );
    const read = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'dev/assembled.bin' }));
    expect(md5(await bodyBytes(read.Body))).toBe(
      md5(Buffer.concat([source.subarray(0, 5 * MiB), Buffer.from('end')])),
    );
  });

  // lakeFS's local blockstore cannot list parts or uploads (it answers 500 / 501); the local server can
  itLocal(
    'lists the parts and the uploads in progress, and refuses an unknown part or a wrong order',
    async () => {
      const repo = await repos.create('s3-mpu-list');
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({ Bucket: repo.id, Key: 'main/listed' }),
      );
      const p1 = await s3.send(
        new UploadPartCommand({ Bucket: repo.id, Key: 'main/listed', UploadId, PartNumber: 1, Body: 'one' }),
      );
      const p2 = await s3.send(
        new UploadPartCommand({ Bucket: repo.id, Key: 'main/listed', UploadId, PartNumber: 2, Body: 'two!' }),
      );
      const listed = await s3.send(new ListPartsCommand({ Bucket: repo.id, Key: 'main/listed', UploadId }));
      expect(listed.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([
        [1, 3, p1.ETag],
        [2, 4, p2.ETag],
      ]);
      const firstPage = await s3.send(
        new ListPartsCommand({ Bucket: repo.id, Key: 'main/listed', UploadId, MaxParts: 1 }),
      );
      expect([firstPage.IsTruncated, firstPage.NextPartNumberMarker]).toEqual([true, '1']);
      const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: repo.id }));
      expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['main/listed', UploadId]]);
      const complete = (parts: { PartNumber: number; ETag?: string }[]) =>
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: repo.id,
            Key: 'main/listed',
            UploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      expect(await s3Failure(complete([{ PartNumber: 1, ETag: p2.ETag }]))).toEqual({
        name: 'InvalidPart',
        status: 400,
      });
      expect(
        await s3Failure(
          complete([
            { PartNumber: 2, ETag: p2.ETag },
            { PartNumber: 1, ETag: p1.ETag },
          ]),
        ),
      ).toEqual({ name: 'InvalidPartOrder', status: 400 });
      await s3.send(new AbortMultipartUploadCommand({ Bucket: repo.id, Key: 'main/listed', UploadId }));
      expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: repo.id }))).Uploads ?? []).toEqual([]);
    },
  );

  it('uploads 64 MiB with lib-storage, four parts in flight, and reads back the same bytes', async () => {
    const repo = await repos.create('s3-lib-storage');
    let inFlight = 0;
    let maxInFlight = 0;
    const counting = s3For(target);
    counting.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'UploadPartCommand') return next(args);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'countUploadParts' },
    );
    const { source, md5: sourceMd5 } = randomChunks(64, MiB);
    const upload = new Upload({
      client: counting,
      params: {
        Bucket: repo.id,
        Key: 'main/big/64MiB.bin',
        Body: Readable.from(source),
        ContentType: 'application/x-big',
      },
      partSize: 8 * MiB,
      queueSize: 4,
    });
    const parts: number[] = [];
    upload.on('httpUploadProgress', (p) => {
      if (p.part !== undefined) parts.push(p.part);
    });
    await upload.done();
    counting.destroy();
    expect(new Set(parts).size).toBe(8);
    expect(maxInFlight).toBeGreaterThanOrEqual(2);

    const stat = await run(repo.branch('main').object('big/64MiB.bin').stat());
    expect(stat).toMatchObject({ sizeBytes: 64 * MiB, contentType: 'application/x-big' });
    const read = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'main/big/64MiB.bin' }));
    const hash = createHash('md5');
    for await (const chunk of read.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    expect(hash.digest('hex')).toBe(sourceMd5());
  });
});
