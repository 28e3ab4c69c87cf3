import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { againstRealLakeFS } from '../../support/testLakeFS';
import { cliBundle, serveFails, startServe } from './serveProcess';

jest.setTimeout(120_000);
const describeLocal = againstRealLakeFS ? describe.skip : describe;

describeLocal('serve refuses what it cannot use, with a usage error (exit 2)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lakefs-rx-refuse-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a directory holding another program’s files, and leaves them alone', async () => {
    await writeFile(join(dir, 'precious.txt'), 'not ours');
    const run = await serveFails(['--data-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not empty and holds no lakefs-rx\.sqlite.*precious\.txt/);
  });

  it('refuses a damaged database instead of reinitialising it', async () => {
    const first = await startServe(dir);
    await first.kill9();
    await writeFile(
      join(dir, 'lakefs-rx.sqlite'),
      'this is not an SQLite database at all, just text'.repeat(100),
    );
    await rm(join(dir, 'lakefs-rx.sqlite-wal'), { force: true });
    const run = await serveFails(['--data-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/lakefs-rx\.sqlite is not a readable lakefs-rx database/);
  });

  it('refuses a data directory it cannot create or write', async () => {
    await writeFile(join(dir, 'a-file'), '');
    const run = await serveFails(['--data-dir', join(dir, 'a-file', 'below')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/data directory .*a-file\/below is not writable: ENOTDIR/);
  });

  it('refuses a relative import root and a bad port', async () => {
    const relative = await serveFails(['--import-root', 'some/where']);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toMatch(/--import-root must be an absolute directory, got some\/where/);
    for (const port of ['http', '-1', '65536', '80.5']) {
      const bad = await serveFails(['--port', port]);
      expect({ port, code: bad.code }).toEqual({ port, code: 2 });
      expect(bad.stderr).toMatch(/--port must be a whole number from 0 to 65535/);
    }
  });

  it('starts in memory mode by default and says so, with lines a shell can paste', async () => {
    const run = await serveText([]);
    expect(run).toMatch(/^# mode: memory: nothing is kept/m);
    expect(run).toMatch(/^export LAKECTL_SERVER_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+$/m);
    expect(run).toMatch(/^export LAKECTL_CREDENTIALS_ACCESS_KEY_ID=AKIA[0-9A-F]{16}$/m);
    expect(run).toMatch(/^export LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY=\S+$/m);
    const persistent = await serveText(['--data-dir', join(dir, 'new')]);
    expect(persistent).toMatch(
      new RegExp(`^# mode: persistent: everything is kept in ${join(dir, 'new')}`, 'm'),
    );
  });
});

/** The text `serve` prints up to its last line, then the process is stopped. */
async function serveText(args: readonly string[]): Promise<string> {
  const file = await cliBundle();
  const child = spawn(process.execPath, [file, 'serve', '--port', '0', ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(__dirname, '../../../node_modules') },
  });
  let out = '';
  await new Promise<void>((done) =>
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl+C')) done();
    }),
  );
  child.kill('SIGTERM');
  expect(await new Promise((done) => child.once('exit', (code) => done(code)))).toBe(0);
  return out;
}
