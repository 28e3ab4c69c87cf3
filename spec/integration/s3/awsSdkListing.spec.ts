import {
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, repoFixture, run } from '../helpers/repoFixture';
import { inParallel, s3For } from './s3Support';

const COUNT = 10_000;
/** 10,000 signed PutObjects take ~40 s alone on two cores, minutes on a busy machine. */
const POPULATE_TIMEOUT_MS = 600_000;
const keyOf = (i: number): string => `dir-${String(i % 10)}/obj-${String(i).padStart(5, '0')}`;

describe('S3 gateway: listing 10,000 keys with continuation', () => {
  let target: TestTarget;
  let s3: S3Client;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
    s3 = s3For(target, { maxAttempts: 3 });
  });
  afterAll(async () => {
    s3.destroy();
    await target.close();
  });

  it(
    'pages through 10,000 staged then committed keys, 1,000 per page, in order, and groups them by delimiter',
    async () => {
      const repo = await repos.create('s3-10k');
      const keys = Array.from({ length: COUNT }, (_, i) => keyOf(i));
      await inParallel(keys, 32, (key) =>
        s3.send(new PutObjectCommand({ Bucket: repo.id, Key: `main/${key}`, Body: key })),
      );
      const expected = [...keys].sort().map((k) => `main/${k}`);
      const listAll = async (): Promise<{ keys: string[]; pages: number }> => {
        const seen: string[] = [];
        let pages = 0;
        for await (const page of paginateListObjectsV2(
          { client: s3 },
          { Bucket: repo.id, Prefix: 'main/' },
        )) {
          pages++;
          seen.push(...(page.Contents ?? []).map((c) => c.Key as string));
        }
        return { keys: seen, pages };
      };
      const staged = await listAll();
      expect(staged.pages).toBe(10);
      expect(staged.keys).toEqual(expected);
      // the API sees every S3 write
      expect((await all(repo.branch('main').uncommitted())).length).toBe(COUNT);

      await run(repo.branch('main').commit('10,000 objects through S3'));
      expect((await listAll()).keys).toEqual(expected);
      const grouped = await s3.send(
        new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/', Delimiter: '/' }),
      );
      expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(
        Array.from({ length: 10 }, (_, i) => `main/dir-${i}/`),
      );
      const oneDir = await s3.send(
        new ListObjectsV2Command({ Bucket: repo.id, Prefix: 'main/dir-3/', MaxKeys: 1000 }),
      );
      expect([oneDir.KeyCount, oneDir.IsTruncated]).toEqual([1000, false]);
    },
    POPULATE_TIMEOUT_MS,
  );
});
