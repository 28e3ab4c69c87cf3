import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { ImportManagerError, LakeFS } from '../../../src';
import { createProgram } from '../../../src/cli/createProgram';
import { startServer } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';

describe('the local server binds to loopback unless told otherwise', () => {
  it('startServer() listens on 127.0.0.1 only', async () => {
    const server = await startServer();
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new LakeFS({ endpoint: server.url, ...server.credentials });
      expect((await lastValueFrom(client.currentUser())).id).toBe('admin');
    } finally {
      await server.close();
    }
  });

  it('`lakefs-rx serve` binds to 127.0.0.1 by default', () => {
    const program = createProgram({ stdout: process.stdout, stderr: process.stderr });
    const serve = program.commands.find((c) => c.name() === 'serve');
    const host = serve?.options.find((o) => o.long === '--host');
    expect(host?.defaultValue).toBe('127.0.0.1');
  });

  it('generates a fresh key pair per server when none is given', async () => {
    const [a, b] = await Promise.all([startServer(), startServer()]);
    try {
      expect(a.credentials.accessKeyId).not.toBe(b.credentials.accessKeyId);
      expect(a.credentials.secretAccessKey).not.toBe(b.credentials.secretAccessKey);
      expect(a.credentials.secretAccessKey.length).toBeGreaterThanOrEqual(30);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/**
 * `..` paths, paths outside the roots and a symlinked directory are covered by
 * spec/integration/import.spec.ts ('fails with ImportManagerError for a missing or disallowed source');
 * these add symlinked files and links inside a walked tree.
 */
describe('import roots hold against symlinks to files', () => {
  let target: TestTarget;
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-roots-'));
    outside = mkdtempSync(join(tmpdir(), 'lakefs-rx-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'outside secret');
    mkdirSync(join(root, 'tree'));
    writeFileSync(join(root, 'tree', 'ok.txt'), 'inside');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'tree', 'link-to-secret.txt'));
    symlinkSync(outside, join(root, 'tree', 'link-to-outside'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'file-link.txt'));
    target = await startTarget({ importRoots: [root] });
  });
  afterAll(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  itLocal('an object source that is a symlink out of the roots is forbidden', async () => {
    const repo = target.lakefs.repository(target.repoId('file-link'));
    await lastValueFrom(repo.create());
    const error = await lastValueFrom(
      repo
        .branch('main')
        .importData()
        .object(`local://${join(root, 'file-link.txt')}`, 'x.txt')
        .run({ pollIntervalMs: 5 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportManagerError);
    expect((error as Error).message).toMatch(/forbidden/);
    expect(await lastValueFrom(repo.branch('main').objects().pipe(toArray()))).toEqual([]);
  });

  itLocal('a walked tree imports its regular files and skips links that lead out of it', async () => {
    const repo = target.lakefs.repository(target.repoId('tree-links'));
    await lastValueFrom(repo.create());
    await lastValueFrom(
      repo
        .branch('main')
        .importData()
        .prefix(`local://${join(root, 'tree')}/`, 'in/')
        .run({ pollIntervalMs: 5 }),
    );
    const objects = await lastValueFrom(repo.branch('main').objects().pipe(toArray()));
    expect(objects.map((o) => o.path)).toEqual(['in/ok.txt']);
    expect(await lastValueFrom(repo.branch('main').object('in/ok.txt').text())).toBe('inside');
  });
});
