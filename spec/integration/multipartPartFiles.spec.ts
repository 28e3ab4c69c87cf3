import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { md5, repoFixture, run } from './helpers/repoFixture';
import { s3For } from './s3/s3Support';

const MiB = 1024 * 1024;

/** Every file under a directory, recursively (relative paths). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/**
 * Part files of multipart uploads live in the blockstore until the upload ends; these tests look at the
 * data directory itself, so they run against the local server only.
 */
describe('multipart part files (local server with a data directory)', () => {
  let target: TestTarget;
  let dataDir: string;
  let s3: S3Client;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'h18a-parts-'));
    target = await startTarget({ presign: true, dataDir });
    s3 = s3For(target);
  });
  afterAll(async () => {
    s3.destroy();
    await target.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The files of a repository's data area (its storage namespace under the data directory). */
  async function dataFiles(repositoryId: string): Promise<string[]> {
    const info = await run(target.lakefs.repository(repositoryId).properties());
    const namespaceDir = join(dataDir, info.storageNamespace.replace(/^local:\/\//, ''));
    return filesUnder(join(namespaceDir, 'data'));
  }

  /** PUTs a part to a presigned URL and returns its ETag. */
  async function putPart(url: string, body: Buffer): Promise<string> {
    const response = await fetch(url, { method: 'PUT', body: new Uint8Array(body) });
    expect(response.status).toBe(200);
    return (response.headers.get('etag') ?? '').replace(/"/g, '');
  }

  itLocal('presigned multipart: completing deletes the part files, only the object stays', async () => {
    const repo = await repos.create('parts-api-complete');
    const data = new Uint8Array(12 * MiB).map((_, i) => i % 253);
    await run(
      repo
        .branch('main')
        .object('big.bin')
        .upload(data, { multipart: { partSizeBytes: 5 * MiB, thresholdBytes: 10 * MiB } }),
    );
    const files = await dataFiles(repo.id);
    expect(files.filter((f) => f.includes('.part-'))).toEqual([]);
    expect(files).toHaveLength(1);
    expect(md5(await run(repo.branch('main').object('big.bin').bytes()))).toBe(md5(data));
  });

  itLocal('presigned multipart: aborting deletes the parts already uploaded', async () => {
    const repo = await repos.create('parts-api-abort');
    const api = target.lakefs.api;
    const created = await run(api.createPresignMultipartUpload(repo.id, 'main', { path: 'a.bin', parts: 2 }));
    const urls = created.presigned_urls ?? [];
    await putPart(urls[0] as string, Buffer.alloc(5 * MiB, 7));
    await putPart(urls[1] as string, Buffer.alloc(10, 8));
    expect((await dataFiles(repo.id)).filter((f) => f.includes('.part-'))).toHaveLength(2);
    await run(
      api.abortPresignMultipartUpload(
        repo.id,
        'main',
        created.upload_id,
        { physical_address: created.physical_address },
        { path: 'a.bin' },
      ),
    );
    expect(await dataFiles(repo.id)).toEqual([]);
    // the part URLs outlive the upload, but a PUT through one leaves nothing behind
    const late = await fetch(urls[0] as string, { method: 'PUT', body: 'late' });
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('<Code>NoSuchUpload</Code>');
    expect(await dataFiles(repo.id)).toEqual([]);
  });

  itLocal('S3 gateway: completing deletes every part, unlisted and replaced ones included', async () => {
    const repo = await repos.create('parts-s3-complete');
    const Key = 'main/s3.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: repo.id, Key }));
    const upload = (PartNumber: number, Body: Buffer) =>
      s3.send(new UploadPartCommand({ Bucket: repo.id, Key, UploadId, PartNumber, Body }));
    await upload(1, Buffer.alloc(5 * MiB, 1)); // replaced below
    const first = await upload(1, Buffer.alloc(5 * MiB, 2));
    const second = await upload(2, Buffer.from('tail'));
    await upload(3, Buffer.from('never listed'));
    expect(await dataFiles(repo.id)).toHaveLength(3);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: repo.id,
        Key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.ETag },
            { PartNumber: 2, ETag: second.ETag },
          ],
        },
      }),
    );
    expect(await dataFiles(repo.id)).toHaveLength(1);
    const object = await run(repo.branch('main').object('s3.bin').stat());
    expect(object.sizeBytes).toBe(5 * MiB + 4);
  });

  itLocal('S3 gateway: aborting deletes the uploaded parts', async () => {
    const repo = await repos.create('parts-s3-abort');
    const Key = 'main/gone.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: repo.id, Key }));
    await s3.send(
      new UploadPartCommand({ Bucket: repo.id, Key, UploadId, PartNumber: 1, Body: Buffer.alloc(MiB, 3) }),
    );
    expect(await dataFiles(repo.id)).toHaveLength(1);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: repo.id, Key, UploadId }));
    expect(await dataFiles(repo.id)).toEqual([]);
  });
});
