import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { repoFixture, run } from '../helpers/repoFixture';
import { bodyBytes, s3Failure, s3For } from './s3Support';

// The shared real lakeFS has a single user (no policies), so these are the local server's observations;
// the permissions are those lakeFS's gateway operations require (fs:ReadObject, fs:WriteObject, …).
describe("S3 gateway: a second user's key pair, held to that user's policies", () => {
  let target: TestTarget;
  const clients: S3Client[] = [];
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await target.close();
  });

  let serial = 0;
  /** A user with the given statements and an S3 client signed with its key pair. */
  async function s3User(
    statement: { effect: string; resource: string; action: string[] }[],
  ): Promise<S3Client> {
    const id = target.repoId(`s3user-${++serial}`);
    const admin = target.lakefs.admin();
    await run(admin.user(id).create());
    if (statement.length > 0) {
      await run(admin.policy(`p-${id}`).create(statement));
      await run(admin.user(id).attachPolicy(`p-${id}`));
    }
    const key = await run(admin.user(id).createAccessKey());
    const client = s3For(target, {
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    });
    clients.push(client);
    return client;
  }

  itLocal('reads with a read-only policy; writes, copies and deletes are AccessDenied', async () => {
    const repo = await repos.create('s3-ro');
    await run(repo.branch('main').object('data/a.txt').upload('hello'));
    const reader = await s3User([{ effect: 'allow', resource: '*', action: ['fs:Read*', 'fs:List*'] }]);
    const got = await reader.send(new GetObjectCommand({ Bucket: repo.id, Key: 'main/data/a.txt' }));
    expect((await bodyBytes(got.Body)).toString()).toBe('hello');
    const listed = await reader.send(new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/' }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['main/data/a.txt']);
    expect((await reader.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain(repo.id);
    const denied = { name: 'AccessDenied', status: 403 };
    expect(
      await s3Failure(reader.send(new PutObjectCommand({ Bucket: repo.id, Key: 'main/b.txt', Body: 'x' }))),
    ).toEqual(denied);
    expect(
      await s3Failure(
        reader.send(
          new CopyObjectCommand({
            Bucket: repo.id,
            Key: 'main/c.txt',
            CopySource: `${repo.id}/main/data/a.txt`,
          }),
        ),
      ),
    ).toEqual(denied);
    const deleted = await reader.send(
      new DeleteObjectsCommand({ Bucket: repo.id, Delete: { Objects: [{ Key: 'main/data/a.txt' }] } }),
    );
    expect(deleted.Errors?.map((e) => [e.Key, e.Code])).toEqual([['main/data/a.txt', 'AccessDenied']]);
    expect(await run(repo.branch('main').object('data/a.txt').text())).toBe('hello');
  });

  itLocal('a user without policies is authenticated but refused everything; a writer may write', async () => {
    const repo = await repos.create('s3-none');
    const nobody = await s3User([]);
    const denied = { name: 'AccessDenied', status: 403 };
    expect(await s3Failure(nobody.send(new ListBucketsCommand({})))).toEqual(denied);
    expect(await s3Failure(nobody.send(new ListObjectsV2Command({ Bucket: repo.id })))).toEqual(denied);
    const writer = await s3User([
      {
        effect: 'allow',
        resource: `arn:lakefs:fs:::repository/${repo.id}/object/out/*`,
        action: ['fs:WriteObject'],
      },
    ]);
    await writer.send(new PutObjectCommand({ Bucket: repo.id, Key: 'main/out/x.txt', Body: 'written' }));
    expect(await run(repo.branch('main').object('out/x.txt').text())).toBe('written');
    expect(
      await s3Failure(
        writer.send(new PutObjectCommand({ Bucket: repo.id, Key: 'main/elsewhere.txt', Body: 'x' })),
      ),
    ).toEqual(denied);
  });

  itLocal("a deleted user's key pair no longer signs anything", async () => {
    const repo = await repos.create('s3-gone');
    const id = target.repoId(`s3gone-${++serial}`);
    const admin = target.lakefs.admin();
    await run(admin.user(id).create());
    const key = await run(admin.user(id).createAccessKey());
    const client = s3For(target, {
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    });
    clients.push(client);
    await run(admin.user(id).delete());
    expect(await s3Failure(client.send(new ListObjectsV2Command({ Bucket: repo.id })))).toEqual({
      name: 'AccessDenied',
      status: 403,
    });
  });
});
