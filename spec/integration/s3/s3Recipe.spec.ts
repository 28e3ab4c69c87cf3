import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { lastValueFrom, toArray } from 'rxjs';
import { ConfigurationError, LakeFS } from '../../../src';
import { startTarget, type TestTarget } from '../../support/testLakeFS';
import { repoFixture } from '../helpers/repoFixture';
import { bodyBytes } from './s3Support';

describe('README recipe: S3 writes, lakefs-rx commit and merge', () => {
  let target: TestTarget;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('s3ClientConfig() describes the gateway: the root URL, path style and the key pair', () => {
    expect(target.lakefs.s3ClientConfig({ region: 'eu-west-1' })).toEqual({
      endpoint: target.endpoint.replace(/\/+$/, ''),
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: target.credentials,
    });
    const tokenOnly = new LakeFS({ endpoint: target.endpoint, accessKeyId: '', secretAccessKey: '' }, [], {});
    expect(() => tokenOnly.s3ClientConfig()).toThrow(ConfigurationError);
  });

  it('writes on a branch through lib-storage, sees the change, commits, merges into main, reads it from main', async () => {
    const repo = await repos.create('s3-recipe');
    const s3 = new S3Client(target.lakefs.s3ClientConfig());
    const etl = await lastValueFrom(repo.branch('etl').create('main'));
    await new Upload({
      client: s3,
      params: { Bucket: repo.id, Key: `${etl.id}/clean/users.csv`, Body: 'id\n1\n' },
    }).done();
    const changes = await lastValueFrom(etl.uncommitted().pipe(toArray()));
    expect(changes.map((c) => [c.type, c.path])).toEqual([['added', 'clean/users.csv']]);
    await lastValueFrom(etl.commit('ETL from S3', { metadata: { changes: String(changes.length) } }));
    await lastValueFrom(etl.mergeInto('main'));
    const merged = await s3.send(new GetObjectCommand({ Bucket: repo.id, Key: 'main/clean/users.csv' }));
    expect((await bodyBytes(merged.Body)).toString()).toBe('id\n1\n');
    s3.destroy();
  });
});
