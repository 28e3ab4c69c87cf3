import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgram } from '../../../src/cli/createProgram';
import { type LocalServer, startServer } from '../../../src/server';

// What another user of the same machine could try against `serve` on a laptop port (issue 15 §2).

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends the request headers and only `sent` of the body bytes, then waits for the answer: a server that
 * waited for the whole declared body would never answer (the test would time out).
 */
function partialRequest(
  server: LocalServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  sent: string,
): Promise<Answer> {
  const url = new URL(`${server.url}/api/v1${path}`);
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        req.destroy();
        done({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', fail);
    req.write(sent);
  });
}

describe('the local server on a laptop port', () => {
  let server: LocalServer;
  let root: string;
  let basic: string;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: basic,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-laptop-'));
    mkdirSync(join(root, 'imports'));
    writeFileSync(join(root, 'imports', 'ok.txt'), 'inside');
    writeFileSync(join(root, 'outside.txt'), 'secret outside the import root');
    symlinkSync(root, join(root, 'imports', 'escape-link'));
    server = await startServer({ importRoots: [join(root, 'imports')], dataDir: join(root, 'data') });
    const { accessKeyId, secretAccessKey } = server.credentials;
    basic = `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`;
    expect(
      (await call('POST', '/repositories', { name: 'laptop', storage_namespace: 'local://laptop' })).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const link = (address: string, path: string, size: number) =>
    call('PUT', `/repositories/laptop/branches/main/staging/backing?path=${path}`, {
      staging: { physical_address: address },
      checksum: 'x',
      size_bytes: size,
    });

  it('refuses to link a local:// address that escapes the import root through a symlink', async () => {
    const escaped = await link(
      `local://${join(root, 'imports', 'escape-link', 'outside.txt')}`,
      'stolen',
      30,
    );
    expect(escaped.status).toBe(403);
    expect((await call('GET', '/repositories/laptop/refs/main/objects?path=stolen')).status).toBe(404);
    // a real path inside the root still links and reads
    expect((await link(`local://${join(root, 'imports', 'ok.txt')}`, 'fine', 6)).status).toBe(200);
    const read = await call('GET', '/repositories/laptop/refs/main/objects?path=fine');
    expect(await read.text()).toBe('inside');
  });

  it('answers a stranger before reading a large body, and closes the connection', async () => {
    const answer = await partialRequest(
      server,
      'POST',
      '/repositories',
      { 'content-type': 'application/json', 'content-length': String(2 * 1024 ** 3) },
      '{"name":"x"',
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.connection).toBe('close');
  });

  it('caps JSON bodies for an authenticated caller too', async () => {
    const answer = await partialRequest(
      server,
      'POST',
      '/repositories',
      { authorization: basic, 'content-type': 'application/json', 'content-length': String(64 * 1024 ** 2) },
      '{"name":"x"',
    );
    expect(answer.status).toBe(413);
  });

  it('still validates a small unauthenticated body first, as lakeFS does', async () => {
    const res = await fetch(`${server.url}/api/v1/repositories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": 1}',
    });
    expect(res.status).toBe(400);
  });

  it('normalises storage namespaces: escapes are refused, respellings are "already in use"', async () => {
    const create = async (name: string, ns: string) => {
      const res = await call('POST', '/repositories', { name, storage_namespace: ns });
      return { status: res.status, message: ((await res.json()) as { message?: string }).message };
    };
    expect(await create('esc-1', 'local://../../etc')).toEqual({
      status: 400,
      message: 'failed to create repository: failed to access storage',
    });
    expect((await create('esc-2', 'local://\u0000x')).status).toBe(400);
    for (const [i, ns] of [
      'local://./laptop',
      'local://laptop/.',
      'local://x/../laptop',
      'local:///laptop',
    ].entries())
      expect(await create(`again-${i}`, ns)).toEqual({
        status: 400,
        message: `failed to create repository: found lakeFS objects in the storage (:${ns}) key(_lakefs/dummy): storage namespace already in use`,
      });
    // the marker is on disk, so a later server on the same data directory refuses the namespace too
    expect(existsSync(join(root, 'data', 'laptop', '_lakefs', 'dummy'))).toBe(true);
    const later = await startServer({ dataDir: join(root, 'data') });
    try {
      const res = await fetch(`${later.url}/api/v1/repositories`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${later.credentials.accessKeyId}:${later.credentials.secretAccessKey}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'after-restart', storage_namespace: 'local://laptop' }),
      });
      expect(res.status).toBe(400);
    } finally {
      await later.close();
    }
  });

  it('refuses a commit date beyond int64', async () => {
    await fetch(`${server.url}/api/v1/repositories/laptop/branches/main/objects?path=d`, {
      method: 'POST',
      headers: { authorization: basic },
      body: 'd',
    });
    const res = await fetch(`${server.url}/api/v1/repositories/laptop/branches/main/commits`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: '{"message":"m","date":9223372036854775808}',
    });
    expect(res.status).toBe(400);
  });

  it('builds presigned URLs from its own address, never from the Host header', async () => {
    const presigning = await startServer({ presign: true });
    try {
      const auth = `Basic ${Buffer.from(`${presigning.credentials.accessKeyId}:${presigning.credentials.secretAccessKey}`).toString('base64')}`;
      await fetch(`${presigning.url}/api/v1/repositories`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'hosted', storage_namespace: 'local://hosted' }),
      });
      const answer = await new Promise<string>((done, fail) => {
        const req = request(
          `${presigning.url}/api/v1/repositories/hosted/branches/main/staging/backing?path=a&presign=true`,
          { headers: { authorization: auth, host: 'attacker.example:80' } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => done(body));
          },
        );
        req.on('error', fail);
        req.end();
      });
      const url = (JSON.parse(answer) as { presigned_url: string }).presigned_url;
      expect(url.startsWith(`${presigning.url}/`)).toBe(true);
    } finally {
      await presigning.close();
    }
  });

  it('`serve` takes the secret from LAKEFS_RX_SECRET_ACCESS_KEY, so it need not show in `ps`', () => {
    const program = createProgram({ stdout: process.stdout, stderr: process.stderr });
    const serve = program.commands.find((c) => c.name() === 'serve');
    const secret = serve?.options.find((o) => o.long === '--secret-access-key');
    expect(secret?.envVar).toBe('LAKEFS_RX_SECRET_ACCESS_KEY');
  });
});
