import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

describe('bin/lakefs-rx.cjs on a fresh clone (no dist/)', () => {
  let clone: string;

  beforeAll(async () => {
    // a checkout after `npm ci`, before any build: the bin, the sources and node_modules, no dist/
    clone = await mkdtemp(join(tmpdir(), 'lakefs-rx-clone-'));
    await mkdir(join(clone, 'bin'));
    await copyFile(join(ROOT, 'bin/lakefs-rx.cjs'), join(clone, 'bin/lakefs-rx.cjs'));
    await symlink(join(ROOT, 'src'), join(clone, 'src'));
    await symlink(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    await copyFile(join(ROOT, 'package.json'), join(clone, 'package.json'));
  });

  afterAll(async () => {
    await rm(clone, { recursive: true, force: true });
  });

  it('runs the CLI from the TypeScript sources through tsx', async () => {
    const out = await new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        [join(clone, 'bin/lakefs-rx.cjs'), '--version'],
        { cwd: clone, env: { PATH: process.env.PATH ?? '', HOME: clone } },
        (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout)),
      );
    });
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(out.trim()).toBe(version);
  });
});
