import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Repository } from '../../../src';
import { startTarget, type TestTarget } from '../../support/testLakeFS';
import { md5, repoFixture, run } from '../helpers/repoFixture';
import { s3Failure, s3For } from './s3Support';
import { sendV2 } from './sigV2Client';
import { gatewayRequest, send, signerFor } from './sigV4Signer';

const xmlCode = (text: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(text)?.[1];

/**
 * What lakeFS's own system tests (esti) drive the gateway with, beyond the AWS SDKs' defaults: minio's
 * SigV2 mode, Go's XML (numeric character references), raw UTF-8 and RFC 2047 metadata, an endpoint set
 * to `.../api/v1` by mistake, CreateBucket, and an empty `If-None-Match`.
 */
describe('S3 gateway with the clients lakeFS tests itself with (SigV2, Go XML, RFC 2047 metadata)', () => {
  let target: TestTarget;
  let s3: S3Client;
  let repo: Repository;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
    s3 = s3For(target);
    repo = await repos.create('s3-clients');
  });
  afterAll(async () => {
    s3.destroy();
    await target.close();
  });

  it('serves SigV2 (HMAC-SHA1) requests: PUT, GET, HEAD; a wrong secret or clock is refused', async () => {
    const put = await sendV2(target, 'PUT', `/${repo.id}/main/v2/hello.txt`, {
      body: 'hello v2',
      headers: { 'content-type': 'text/plain', 'x-amz-meta-owner': 'Ada' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${md5('hello v2')}"`);
    const got = await sendV2(target, 'GET', `/${repo.id}/main/v2/hello.txt`);
    expect([got.status, got.text, got.headers['content-type']]).toEqual([200, 'hello v2', 'text/plain']);
    const head = await sendV2(target, 'HEAD', `/${repo.id}/main/v2/hello.txt`);
    expect([head.status, head.headers['content-length'], head.headers['x-amz-meta-owner']]).toEqual([
      200,
      '8',
      'Ada',
    ]);
    const missing = await sendV2(target, 'GET', `/${repo.id}/main/v2/nothing.txt`);
    expect([missing.status, xmlCode(missing.text)]).toEqual([404, 'NoSuchKey']);
    const forged = await sendV2(target, 'GET', `/${repo.id}/main/v2/hello.txt`, { secret: 'not-the-secret' });
    expect([forged.status, xmlCode(forged.text)]).toEqual([403, 'SignatureDoesNotMatch']);
    const at = (offsetMs: number) => ({ headers: { date: new Date(Date.now() + offsetMs).toUTCString() } });
    const late = await sendV2(target, 'GET', `/${repo.id}/main/v2/hello.txt`, at(-3600_000));
    const early = await sendV2(target, 'GET', `/${repo.id}/main/v2/hello.txt`, at(3600_000));
    expect([late.status, xmlCode(late.text), early.status, xmlCode(early.text)]).toEqual([
      403,
      'RequestTimeTooSkewed',
      403,
      'AccessDenied',
    ]);
  });

  it('stores user metadata decoded (raw UTF-8 or RFC 2047 words) and answers it as Q-encoded words', async () => {
    const text = 'Grüße aus Köln — schöne Grüße, noch einmal schöne Grüße';
    // Go clients send the UTF-8 bytes as they are; a conforming client sends encoded words
    const raw = await sendV2(target, 'PUT', `/${repo.id}/main/meta/raw.txt`, {
      body: 'r',
      headers: { 'x-amz-meta-greeting': text, 'x-amz-meta-plain': 'value' },
    });
    expect(raw.status).toBe(200);
    await s3.send(
      new PutObjectCommand({
        Bucket: repo.id,
        Key: 'main/meta/words.txt',
        Body: 'w',
        Metadata: { greeting: '=?utf-8?q?Gr=C3=BC=C3=9Fe?= =?utf-8?b?IGF1cyBLw7Zsbg==?=' },
      }),
    );
    const main = repo.branch('main');
    expect((await run(main.object('meta/raw.txt').stat())).metadata).toEqual({
      'X-Amz-Meta-greeting': text,
      'X-Amz-Meta-plain': 'value',
    });
    expect((await run(main.object('meta/words.txt').stat())).metadata).toEqual({
      'X-Amz-Meta-greeting': 'Grüße aus Köln',
    });
    const head = await s3.send(new HeadObjectCommand({ Bucket: repo.id, Key: 'main/meta/raw.txt' }));
    expect(head.Metadata).toEqual({
      plain: 'value',
      // words of at most 75 characters, never splitting a character's bytes
      greeting:
        '=?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln_=E2=80=94_sch=C3=B6ne_Gr=C3=BC?= =?utf-8?q?=C3=9Fe,_noch_einmal_sch=C3=B6ne_Gr=C3=BC=C3=9Fe?=',
    });
  });

  it('completes a multipart upload whose part ETags are written as numeric character references (Go XML)', async () => {
    const key = 'main/mpu/go-xml.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: repo.id, Key: key }));
    const part = await s3.send(
      new UploadPartCommand({ Bucket: repo.id, Key: key, UploadId, PartNumber: 1, Body: 'only part' }),
    );
    const etag = (part.ETag ?? '').replace(/"/g, '&#34;');
    const body = Buffer.from(
      `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
    );
    const request = gatewayRequest(target, 'POST', `/${repo.id}/${key}`, {
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    });
    const signed = await signerFor(target).sign({ ...request, query: { uploadId: UploadId ?? '' } });
    const query = `?uploadId=${encodeURIComponent(UploadId ?? '')}`;
    const done = await send(target, { ...signed, path: `${signed.path}${query}` }, body);
    expect([done.status, done.text]).toEqual([200, expect.stringContaining('CompleteMultipartUploadResult')]);
    expect((await sendV2(target, 'GET', `/${repo.id}/${key}`)).text).toBe('only part');
  });

  it('takes an empty If-None-Match as no condition; `*` on an existing object is PreconditionFailed', async () => {
    const path = `/${repo.id}/main/cond/once.txt`;
    const first = await sendV2(target, 'PUT', path, { body: '1', headers: { 'if-none-match': '' } });
    const again = await sendV2(target, 'PUT', path, { body: '2', headers: { 'if-none-match': '' } });
    expect([first.status, again.status]).toEqual([200, 200]);
    const refused = await sendV2(target, 'PUT', path, { body: '3', headers: { 'if-none-match': '*' } });
    expect([refused.status, xmlCode(refused.text)]).toEqual([412, 'PreconditionFailed']);
    expect((await sendV2(target, 'GET', path)).text).toBe('2');
  });

  it('answers an S3 client whose endpoint wrongly ends in /api/v1 with ErrNoSuchBucketPossibleAPIEndpoint', async () => {
    const misconfigured = s3For(target, { endpoint: `${target.endpoint}/api/v1` });
    expect(await s3Failure(misconfigured.send(new ListObjectsV2Command({ Bucket: repo.id })))).toEqual({
      name: 'ErrNoSuchBucketPossibleAPIEndpoint',
      status: 404,
    });
    misconfigured.destroy();
    expect(await s3Failure(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-repository' })))).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
  });

  it('refuses CreateBucket: NotImplemented for a new name, BucketAlreadyExists for a repository', async () => {
    expect(
      await s3Failure(s3.send(new CreateBucketCommand({ Bucket: 'bucket-that-does-not-exist' }))),
    ).toEqual({ name: 'NotImplemented', status: 501 });
    expect(await s3Failure(s3.send(new CreateBucketCommand({ Bucket: repo.id })))).toEqual({
      name: 'BucketAlreadyExists',
      status: 409,
    });
  });
});
