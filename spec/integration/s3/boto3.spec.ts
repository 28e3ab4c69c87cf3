import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeWithPython } from '../../support/findPython';
import { startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, md5, repoFixture, run } from '../helpers/repoFixture';

/** Runs the boto3 suite against the gateway and returns the checks it reported, and its exit code. */
function runBoto3(
  python: string,
  target: TestTarget,
  bucket: string,
): Promise<{ checks: string[]; code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [join(__dirname, 'boto3Suite.py')], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        S3_ENDPOINT: target.lakefs.s3ClientConfig().endpoint,
        S3_ACCESS_KEY_ID: target.credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
        S3_BUCKET: bucket,
        // boto3 must not find any AWS configuration of the machine
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const checks = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { check: string; ok: boolean })
        .filter((c) => c.ok)
        .map((c) => c.check);
      resolve({ checks, code: code ?? -1, stderr });
    });
  });
}

describeWithPython('S3 gateway through boto3', ['boto3'], (python) => {
  let target: TestTarget;
  const repos = repoFixture(() => target);
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('runs every operation of the boto3 suite, and the lakeFS API sees each write', async () => {
    const repo = await repos.create('s3-boto3');
    await run(repo.branch('dev').create('main'));
    const result = await runBoto3(python, target, repo.id);
    expect(result.stderr.split('\n').filter((l) => /^\w+: expected/.test(l))).toEqual([]);
    expect([result.code, result.stderr.slice(-2000)]).toEqual([0, expect.any(String)]);
    expect(result.checks).toEqual([
      'list_buckets',
      'head_bucket',
      'no_such_bucket',
      'put_etag',
      'head',
      'get_range',
      'no_such_key',
      'invalid_range',
      'list_v2_pages',
      'list_v1_pages',
      'list_delimiter',
      'copy_across_branches',
      'delete_objects',
      'multipart_upload',
      'abort_multipart',
      'presigned_get',
      'wrong_secret',
      'unknown_key',
    ]);

    const main = repo.branch('main');
    expect(await run(main.object('py/data.csv').stat())).toMatchObject({
      checksum: md5('id,name\n1,boto\n'),
      contentType: 'text/csv',
      metadata: { 'X-Amz-Meta-source': 'boto3' },
    });
    expect((await all(main.uncommitted())).map((c) => [c.type, c.path])).toEqual([
      ['added', 'py/big.bin'],
      ['added', 'py/data.csv'],
      ['added', 'py/list/3'],
      ['added', 'py/list/4'],
    ]);
    expect((await all(repo.branch('dev').uncommitted())).map((c) => c.path)).toEqual(['py/copied.csv']);
    expect((await run(main.object('py/big.bin').stat())).sizeBytes).toBe(20 * 1024 * 1024);
  });
});
