import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { lastValueFrom } from 'rxjs';
import { LakeFS } from '../../src';
import { type TestTarget, againstRealLakeFS, itLocal, startTarget } from '../support/testLakeFS';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');

// Each test spawns the CLI several times; a process per command is what users run.
jest.setTimeout(120_000);

/** The CLI, bundled from source once per run so that every spawn starts in plain node (no TS loader). */
let cliBundle: string;

/** What one CLI run printed and how it ended. */
interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in a child process (asynchronously, so that the in-process server keeps answering).
 * `env` replaces the environment except PATH, so nothing from the developer's shell leaks in.
 */
function cli(args: readonly string[], env: Record<string, string>, input?: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [cliBundle, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('lakefs-rx CLI', () => {
  let target: TestTarget;
  let work: string;
  let importRoot: string;
  let env: Record<string, string>;
  let repo: string;
  const run = (...args: string[]): Promise<CliRun> => cli(args, env);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'lakefs-rx-cli-'));
    cliBundle = join(work, 'lakefs-rx-cli.cjs');
    await build({
      entryPoints: [MAIN],
      outfile: cliBundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    importRoot = join(work, 'imports');
    await mkdir(join(importRoot, 'batch', 'nested'), { recursive: true });
    for (let i = 0; i < 25; i++) await writeFile(join(importRoot, 'batch', `part-${i}.csv`), `id\n${i}\n`);
    await writeFile(join(importRoot, 'batch', 'nested', 'deep.txt'), 'deep');
    target = await startTarget({ importRoots: [importRoot] });
    // HOME points at an empty directory so that no ~/.lakectl.yaml of the machine is read.
    env = {
      HOME: work,
      LAKECTL_SERVER_ENDPOINT_URL: target.endpoint,
      LAKECTL_CREDENTIALS_ACCESS_KEY_ID: target.credentials.accessKeyId,
      LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
    };
    repo = target.repoId('cli');
    await lastValueFrom(target.lakefs.repository(repo).create());
  });

  afterAll(async () => {
    await lastValueFrom(target.lakefs.repository(repo).delete({ missingOk: true })).catch(() => undefined);
    await target.close();
    await rm(work, { recursive: true, force: true });
  });

  describe('repos', () => {
    it('creates a repository and lists it as text and as JSON lines', async () => {
      const id = target.repoId('cli-repos');
      const created = await run('repos', 'create', `lakefs://${id}`);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain(`repository ${id}`);

      const listed = await run('repos', '--prefix', id);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${id}\\tmain\\t`));

      const json = await run('--json', 'repos', 'list', '--prefix', id);
      expect(jsonLines(json.stdout)).toEqual([expect.objectContaining({ id, defaultBranch: 'main' })]);
      await lastValueFrom(target.lakefs.repository(id).delete());
    });

    it('deletes a repository, and with --missing-ok ignores one that is gone', async () => {
      const other = target.repoId('cli-del');
      expect((await run('repos', 'create', `lakefs://${other}`)).code).toBe(0);
      expect(await run('repos', 'delete', `lakefs://${other}`)).toMatchObject({ code: 0 });
      expect((await run('repos', 'delete', `lakefs://${other}`)).code).toBe(1);
      expect((await run('repos', 'delete', '--missing-ok', `lakefs://${other}`)).code).toBe(0);
    });
  });

  describe('upload, ls, diff, commit, log', () => {
    it('uploads a file under a prefix, with a progress bar that reaches 100 %', async () => {
      const file = join(work, 'hello.txt');
      await writeFile(file, 'hello, lakeFS\n'.repeat(1000));
      const uploaded = await run('--progress', 'upload', file, `lakefs://${repo}/main/docs/`);
      expect(uploaded.code).toBe(0);
      expect(uploaded.stdout).toContain(`uploaded lakefs://${repo}/main/docs/hello.txt (13.7 KiB`);
      expect(uploaded.stderr).toContain('100%');
      const stat = await lastValueFrom(
        target.lakefs.repository(repo).branch('main').object('docs/hello.txt').stat(),
      );
      expect(stat.sizeBytes).toBe(14_000);
    });

    it('uploads stdin to an object path', async () => {
      const piped = await cli(['upload', '-', `lakefs://${repo}/main/docs/stdin.txt`], env, 'from stdin');
      expect(piped.code).toBe(0);
      const text = await lastValueFrom(
        target.lakefs.repository(repo).ref('main').object('docs/stdin.txt').text(),
      );
      expect(text).toBe('from stdin');
    });

    it('lists one level (objects and common prefixes) or, with -r, every object', async () => {
      const top = await run('ls', `lakefs://${repo}/main/`);
      expect(top.stdout).toMatch(/^common_prefix\t+docs\/$/m);
      const deep = await run('--json', 'ls', '-r', `lakefs://${repo}/main`);
      expect(jsonLines(deep.stdout).map((row) => row.path)).toEqual(['docs/hello.txt', 'docs/stdin.txt']);
    });

    it('shows uncommitted changes, commits them with metadata, and shows them in the log', async () => {
      const diff = await run('diff', `lakefs://${repo}/main`);
      expect(diff.stdout).toContain('+ added\tdocs/hello.txt');
      const committed = await run(
        '--json',
        'commit',
        `lakefs://${repo}/main`,
        '-m',
        'add docs',
        '--meta',
        'k=v=w',
      );
      expect(committed.code).toBe(0);
      const commit = JSON.parse(committed.stdout) as { id: string; message: string; metadata: object };
      expect(commit).toMatchObject({ message: 'add docs', metadata: { k: 'v=w' } });

      const log = await run('log', '--oneline', '--amount', '1', `lakefs://${repo}/main`);
      expect(log.stdout).toBe(`${commit.id.slice(0, 16)} add docs\n`);
      const long = await run('log', `lakefs://${repo}/main`);
      expect(long.stdout).toContain(`commit ${commit.id}`);
      expect(long.stdout).toContain('    add docs');
      expect((await run('diff', `lakefs://${repo}/main`)).stdout).toBe('');
    });
  });

  describe('branches, diff between refs, merge', () => {
    it('creates a branch, lists it with its head, and merges its commit back', async () => {
      const created = await run(
        'branches',
        'create',
        `lakefs://${repo}/dev`,
        '--source',
        `lakefs://${repo}/main`,
      );
      expect(created.code).toBe(0);
      const listed = await run('branches', `lakefs://${repo}`);
      expect(listed.stdout).toMatch(/^dev\t[0-9a-f]{64}$/m);

      const file = join(work, 'feature.json');
      await writeFile(file, '{"feature":true}');
      expect((await run('upload', file, `lakefs://${repo}/dev/feature.json`)).code).toBe(0);
      expect((await run('commit', `lakefs://${repo}/dev`, '-m', 'feature')).code).toBe(0);

      const diff = await run('--json', 'diff', `lakefs://${repo}/main`, `lakefs://${repo}/dev`);
      expect(jsonLines(diff.stdout)).toEqual([
        expect.objectContaining({ type: 'added', path: 'feature.json' }),
      ]);

      const merged = await run('merge', `lakefs://${repo}/dev`, `lakefs://${repo}/main`, '-m', 'merge dev');
      expect(merged.code).toBe(0);
      expect(merged.stdout).toMatch(
        new RegExp(`^merged lakefs://${repo}/dev into lakefs://${repo}/main: [0-9a-f]{64}\\n$`),
      );
      const head = await lastValueFrom(target.lakefs.repository(repo).ref('main').getCommit());
      expect(head.message).toBe('merge dev');

      expect((await run('branches', 'delete', `lakefs://${repo}/dev`)).code).toBe(0);
    });
  });

  describe('download', () => {
    it('downloads an object to a file, into a directory, and to stdout', async () => {
      const file = join(work, 'out', 'copy.txt');
      const toFile = await run('--progress', 'download', `lakefs://${repo}/main/docs/hello.txt`, file);
      expect(toFile.code).toBe(0);
      expect(toFile.stderr).toContain('100%');
      expect(await readFile(file, 'utf8')).toBe('hello, lakeFS\n'.repeat(1000));

      const intoDir = await run('download', `lakefs://${repo}/main/feature.json`, `${join(work, 'out')}/`);
      expect(intoDir.stdout).toContain(`to ${join(work, 'out', 'feature.json')}`);

      const toStdout = await run('download', `lakefs://${repo}/main/feature.json`, '-');
      expect(toStdout).toMatchObject({ code: 0, stdout: '{"feature":true}' });
    });

    it('round-trips a directory with upload -r and download -r', async () => {
      const tree = join(work, 'tree');
      await mkdir(join(tree, 'a', 'b'), { recursive: true });
      await writeFile(join(tree, 'top.txt'), 'top');
      await writeFile(join(tree, 'a', 'b', 'leaf.txt'), 'leaf');
      const up = await run('upload', '-r', '-p', '2', tree, `lakefs://${repo}/main/tree`);
      expect(up.code).toBe(0);
      // one summary line; the per-file lines only with --verbose
      expect(up.stdout).toMatch(
        new RegExp(`^uploaded 2 files \\(7 B\\) to lakefs://${repo}/main/tree in \\d+:\\d\\d\\n$`),
      );
      const verbose = await run('upload', '-r', '--verbose', tree, `lakefs://${repo}/main/tree`);
      expect(verbose.stdout.trim().split('\n').sort()).toEqual([
        expect.stringMatching(/^uploaded 2 files/),
        expect.stringContaining(`lakefs://${repo}/main/tree/a/b/leaf.txt`),
        expect.stringContaining(`lakefs://${repo}/main/tree/top.txt`),
      ]);
      const back = join(work, 'tree-back');
      const down = await run('--progress', 'download', '-r', `lakefs://${repo}/main/tree/`, back);
      expect(down.code).toBe(0);
      expect(down.stdout).toMatch(/^downloaded 2 objects \(7 B\) from .* in \d+:\d\d\n$/);
      // the bar shows files done / total, the rate and the elapsed time
      expect(down.stderr).toMatch(/2\/2 files/);
      expect(down.stderr).toMatch(/B\/s/);
      expect(down.stderr).toMatch(/elapsed/);
      expect(await readFile(join(back, 'a', 'b', 'leaf.txt'), 'utf8')).toBe('leaf');
      expect(await readFile(join(back, 'top.txt'), 'utf8')).toBe('top');
    });

    it('fails with exit code 1 and leaves no partial file when the object is missing', async () => {
      const file = join(work, 'missing.txt');
      const failed = await run('download', `lakefs://${repo}/main/no/such.txt`, file);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/^lakefs-rx: ObjectNotFoundError: .*404/);
      await expect(readFile(file)).rejects.toThrow();
      await expect(readFile(`${file}.lakefs-rx-partial`)).rejects.toThrow();
    });
  });

  describe('import', () => {
    // Imports need a clean branch; the tests above leave uncommitted uploads on main.
    beforeAll(async () => {
      await lastValueFrom(target.lakefs.repository(repo).branch('ingest').create('main'));
    });

    itLocal('imports a local directory with a progress bar and prints the commit', async () => {
      const imported = await run(
        '--progress',
        'import',
        '--from',
        `local://${join(importRoot, 'batch')}/`,
        '--to',
        `lakefs://${repo}/ingest/imported/`,
        '-m',
        'import batch',
        '--poll-interval',
        '20',
      );
      expect(imported.stderr).toContain('100%');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/^imported 26 objects into .*\ncommit [0-9a-f]{64}\n$/);
      const listed = await run('--json', 'ls', '-r', `lakefs://${repo}/ingest/imported/`);
      expect(jsonLines(listed.stdout)).toHaveLength(26);
      const head = await lastValueFrom(target.lakefs.repository(repo).ref('ingest').getCommit());
      expect(head.message).toBe('import batch');
    });

    itLocal('prints the final status as JSON with --json', async () => {
      const imported = await run(
        '--json',
        'import',
        '--object',
        '--from',
        `local://${join(importRoot, 'batch', 'nested', 'deep.txt')}`,
        '--to',
        `lakefs://${repo}/ingest/single/deep.txt`,
      );
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ completed: true, ingestedObjects: 1 });
    });
  });

  describe('beside lakectl', () => {
    let lk: string;
    beforeAll(async () => {
      lk = target.repoId('cli-lakectl');
      expect((await run('repo', 'create', `lakefs://${lk}`)).code).toBe(0);
    });
    afterAll(async () => {
      await lastValueFrom(target.lakefs.repository(lk).delete({ missingOk: true })).catch(() => undefined);
    });

    it('answers to lakectl spellings: repo, branch, fs upload -s, fs ls, fs cat, fs stat', async () => {
      expect((await run('repo', 'list', '--prefix', lk)).stdout).toContain(lk);
      expect((await run('branch', 'list', `lakefs://${lk}`)).stdout).toMatch(/^main\t[0-9a-f]{64}$/m);
      const file = join(work, 'lakectl.txt');
      await writeFile(file, 'spelled like lakectl');
      const up = await run('fs', 'upload', `lakefs://${lk}/main/dir/a.txt`, '-s', file);
      expect(up).toMatchObject({ code: 0, stderr: '' });
      expect((await run('fs', 'ls', `lakefs://${lk}/main/dir/`)).stdout).toContain('dir/a.txt');
      expect(await run('fs', 'cat', `lakefs://${lk}/main/dir/a.txt`)).toMatchObject({
        code: 0,
        stdout: 'spelled like lakectl',
      });
      const stat = JSON.parse(
        (await run('--json', 'fs', 'stat', `lakefs://${lk}/main/dir/a.txt`)).stdout,
      ) as {
        path: string;
        sizeBytes: number;
      };
      expect(stat).toMatchObject({ path: 'dir/a.txt', sizeBytes: 20 });
      expect((await run('stat', `lakefs://${lk}/main/dir/a.txt`)).stdout).toMatch(/^Size: +20 bytes/m);
    });

    it('rm deletes one object, and with -r every object under a prefix with one summary line', async () => {
      for (const name of ['x/1', 'x/2', 'x/3', 'keep']) {
        await lastValueFrom(target.lakefs.repository(lk).branch('main').object(name).upload(name));
      }
      expect((await run('rm', `lakefs://${lk}/main/keep`)).stdout).toBe(`deleted lakefs://${lk}/main/keep\n`);
      expect((await run('fs', 'rm', '-r', `lakefs://${lk}/main/x/`)).stdout).toBe(
        `deleted 3 objects under lakefs://${lk}/main/x/\n`,
      );
      const left = await run('--json', 'ls', '-r', `lakefs://${lk}/main/`);
      expect(jsonLines(left.stdout).map((row) => row.path)).toEqual(['dir/a.txt']);
      expect((await run('rm', `lakefs://${lk}/main/dir/`)).code).toBe(2);
    });

    it('commit refuses an empty message and a path; show commit, tag create/list/delete', async () => {
      const empty = await run('commit', `lakefs://${lk}/main`, '-m', '  ');
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/commit needs a message/);
      const withPath = await run('commit', `lakefs://${lk}/main/dir/a.txt`, '-m', 'x');
      expect(withPath.code).toBe(2);
      expect(withPath.stderr).toMatch(/not a path/);

      const commit = JSON.parse(
        (await run('--json', 'commit', `lakefs://${lk}/main`, '-m', 'first', '--allow-empty')).stdout,
      ) as { id: string };
      const shown = await run('show', 'commit', `lakefs://${lk}/${commit.id}`);
      expect(shown.stdout).toMatch(new RegExp(`^commit ${commit.id}\\n[\\s\\S]*\\n    first\\n$`));

      expect((await run('tag', 'create', `lakefs://${lk}/v1`, `lakefs://${lk}/main`)).code).toBe(0);
      expect((await run('tag', 'list', `lakefs://${lk}`)).stdout).toBe(`v1\t${commit.id}\n`);
      expect((await run('tag', 'delete', `lakefs://${lk}/v1`)).code).toBe(0);
      expect((await run('tag', 'list', `lakefs://${lk}`)).stdout).toBe('');
    });

    it('branch reset drops uncommitted changes; branch revert and cherry-pick make new commits', async () => {
      const main = target.lakefs.repository(lk).branch('main');
      await lastValueFrom(main.object('staged.txt').upload('staged'));
      // no terminal here, so no question: the reset goes ahead
      expect((await run('branch', 'reset', `lakefs://${lk}/main/staged.txt`)).code).toBe(0);
      expect(await lastValueFrom(main.object('staged.txt').exists())).toBe(false);

      await lastValueFrom(main.object('revert-me.txt').upload('r'));
      const added = await lastValueFrom(main.commit('add revert-me'));
      const reverted = await run('branch', 'revert', `lakefs://${lk}/main`, added.id);
      expect(reverted.code).toBe(0);
      expect(await lastValueFrom(main.object('revert-me.txt').exists())).toBe(false);

      await lastValueFrom(target.lakefs.repository(lk).branch('side').create('main'));
      const picked = await run('--json', 'cherry-pick', `lakefs://${lk}/${added.id}`, `lakefs://${lk}/side`);
      expect(picked.code).toBe(0);
      const side = target.lakefs.repository(lk).ref('side');
      expect(await lastValueFrom(side.object('revert-me.txt').text())).toBe('r');
    });

    it('exits quietly when the reader of its output goes away (ls | head, cat | head -c 10)', async () => {
      const big = new Uint8Array(4 * 1024 * 1024).fill(65);
      await lastValueFrom(target.lakefs.repository(lk).branch('main').object('big.bin').upload(big));
      const pipe = (command: string): Promise<CliRun> =>
        new Promise((done) => {
          execFile(
            'bash',
            ['-c', `set -o pipefail; ${command}`],
            { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } },
            (error, stdout, stderr) =>
              done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
          );
        });
      const node = `"${process.execPath}" "${cliBundle}"`;
      for (const command of [
        `${node} download lakefs://${lk}/main/big.bin - | head -c 10`,
        `${node} cat lakefs://${lk}/main/big.bin | head -c 10`,
        `${node} ls -r lakefs://${lk}/main/ | head -n 1`,
        `${node} log lakefs://${lk}/main | head -n 1`,
      ]) {
        const piped = await pipe(command);
        expect({ command, ...piped, stdout: piped.stdout.length > 0 }).toEqual({
          command,
          code: 0,
          stderr: '',
          stdout: true,
        });
      }
    });

    it('prints a completion script that completes commands, subcommands and aliases', async () => {
      const script = await run('completion', 'bash');
      expect(script.code).toBe(0);
      const complete = (words: string[]): Promise<CliRun> =>
        new Promise((done) => {
          const program = `${script.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _lakefs_rx; echo "\${COMPREPLY[*]}"`;
          execFile('bash', ['-c', program], (error, stdout, stderr) =>
            done({ code: error ? 1 : 0, stdout, stderr }),
          );
        });
      expect((await complete(['lakefs-rx', 'fs', ''])).stdout.trim().split(' ').sort()).toEqual(
        expect.arrayContaining(['cat', 'download', 'ls', 'rm', 'stat', 'upload']),
      );
      expect((await complete(['lakefs-rx', 'br'])).stdout.trim().split(' ').sort()).toEqual([
        'branch',
        'branches',
      ]);
      expect((await complete(['lakefs-rx', 'repo', 'delete', '--'])).stdout).toMatch(/--yes/);
    });
  });

  describe('errors and credentials', () => {
    it('prints one line on stderr and exits 1 for a server error; the stack only with --debug', async () => {
      const missing = await run('ls', 'lakefs://no-such-repo-cli/main/');
      expect(missing.code).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(/^lakefs-rx: NotFoundError: .*404.*\n$/);
      const debug = await run('--debug', 'ls', 'lakefs://no-such-repo-cli/main/');
      expect(debug.stderr.split('\n').length).toBeGreaterThan(3);
      expect(debug.stderr).toMatch(/\n\s+at /);
    });

    it('exits 2 on a usage error (bad URI, missing option, unknown command)', async () => {
      for (const args of [['ls', 's3://bucket/key'], ['commit', `lakefs://${repo}/main`], ['frobnicate']]) {
        const result = await run(...args);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^lakefs-rx: /);
      }
    });

    it('rejects a wrong secret with NotAuthorizedError', async () => {
      const wrong = await cli(['repos'], { ...env, LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: 'wrong-secret' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/^lakefs-rx: NotAuthorizedError: /);
    });

    it('reads credentials from a lakectl.yaml (LAKECTL_CONFIG_FILE or --config)', async () => {
      const config = join(work, 'lakectl.yaml');
      await writeFile(
        config,
        [
          'server:',
          `  endpoint_url: ${target.endpoint}`,
          'credentials:',
          `  access_key_id: ${target.credentials.accessKeyId}`,
          `  secret_access_key: ${target.credentials.secretAccessKey}`,
          '',
        ].join('\n'),
      );
      const viaEnv = await cli(['repos', '--prefix', repo], { HOME: work, LAKECTL_CONFIG_FILE: config });
      expect(viaEnv).toMatchObject({ code: 0, stderr: '' });
      expect(viaEnv.stdout).toContain(repo);
      const viaFlag = await cli(['--config', config, 'repos', '--prefix', repo], { HOME: work });
      expect(viaFlag.stdout).toContain(repo);
    });

    it('says where it looked when no endpoint is configured', async () => {
      const nothing = await cli(['repos'], { HOME: work });
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toMatch(
        /^lakefs-rx: ConfigurationError: no lakeFS endpoint configured; looked in: .*lakectl/,
      );
    });
  });

  describe('serve and demo', () => {
    itLocal('serve prints its endpoint and credentials, answers requests, and stops on SIGTERM', async () => {
      const child = spawn(process.execPath, [cliBundle, '--json', 'serve', '--port', '0'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: work },
      });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      const firstLine = await new Promise<string>((done, fail) => {
        let buffered = '';
        child.stdout.on('data', (data: Buffer) => {
          buffered += data.toString();
          if (buffered.includes('\n')) done(buffered.split('\n')[0] as string);
        });
        child.once('exit', () => fail(new Error(`serve exited early: ${buffered}`)));
      });
      const started = JSON.parse(firstLine) as {
        endpoint: string;
        accessKeyId: string;
        secretAccessKey: string;
      };
      const client = new LakeFS({ ...started });
      const version = await lastValueFrom(client.version());
      expect(version.version).toEqual(expect.any(String));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    });

    (againstRealLakeFS ? it.skip : it)('demo runs the quickstart against its own local server', async () => {
      const demo = await cli(['demo'], { HOME: work });
      expect(demo.stderr).toBe('');
      expect(demo.code).toBe(0);
      expect(demo.stdout).toContain('(local server)');
      expect(demo.stdout).toContain('demo finished');
    });
  });
});
