import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../../..');

/** What `serve --json` printed. */
export interface Served {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly mode: string;
}

/** A `lakefs-rx serve` child process. */
export interface ServeProcess extends Served {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** `kill -9` and wait for the process to be gone. */
  kill9(): Promise<void>;
  /** Authenticated fetch against the API (`path` under `/api/v1`). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }>;
  /** Headers with basic auth, for requests with other bodies. */
  readonly headers: Record<string, string>;
}

let bundle: Promise<string> | undefined;

/** The CLI bundled once per test file, so every start is plain node (like the installed bin). */
export function cliBundle(): Promise<string> {
  bundle ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lakefs-rx-durable-cli-'));
    const outfile = join(dir, 'cli.cjs');
    await build({
      entryPoints: [join(ROOT, 'src/cli/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      logLevel: 'silent',
    });
    return outfile;
  })();
  return bundle;
}

/** How a `serve` run ended when it did not start. */
export interface ServeFailure {
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Runs `serve` with arguments and returns its exit code and stderr (for runs expected to fail at once).
 * @param args - arguments after `serve`
 * @returns how it ended
 */
export async function serveFails(args: readonly string[]): Promise<ServeFailure> {
  const file = await cliBundle();
  const child = spawn(process.execPath, [file, 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules') },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', () => child.kill('SIGKILL'));
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  return { code, stderr };
}

/**
 * Starts `lakefs-rx --json serve --port 0 --data-dir <dir>` and waits for its first line.
 * @param dataDir - the data directory
 * @param env - extra environment (test crash points)
 * @param args - further `serve` arguments
 * @returns the running process
 */
export async function startServe(
  dataDir: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<ServeProcess> {
  const file = await cliBundle();
  const child = spawn(
    process.execPath,
    [file, '--json', 'serve', '--port', '0', '--data-dir', dataDir, ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...env },
    },
  );
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const served = await new Promise<Served>((done, fail) => {
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      if (buffered.includes('\n')) done(JSON.parse(buffered.split('\n')[0] as string) as Served);
    });
    void exited.then((code) => fail(new Error(`serve exited (${code}) before starting: ${stderr}`)));
  });
  const headers = {
    authorization: `Basic ${Buffer.from(`${served.accessKeyId}:${served.secretAccessKey}`).toString('base64')}`,
  };
  return {
    ...served,
    child,
    exited,
    headers,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    api: async (method, path, body) => {
      const res = await fetch(`${served.endpoint}/api/v1${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text };
    },
  };
}
