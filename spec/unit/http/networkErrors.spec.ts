import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lastValueFrom } from 'rxjs';
import { LakeFS, NetworkError, ResponseTooLargeError, isLakeFSError, LakeFSError } from '../../../src';

/** A loopback port nothing listens on (a server bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const keys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'super-secret-key', retry: false } as const;

describe('network errors name the endpoint and the cause', () => {
  it('cannot reach http://127.0.0.1:<port> (ECONNREFUSED)', async () => {
    const port = await closedPort();
    const client = new LakeFS({ endpoint: `http://127.0.0.1:${port}`, ...keys }, [], {});
    const error = await lastValueFrom(client.repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(
      `cannot reach http://127.0.0.1:${port} (ECONNREFUSED) for GET /repositories`,
    );
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
  });

  it('says when the connection closed with no answer, and when an answer broke off after its headers', async () => {
    let cut = false;
    const server = createServer((req, res) => {
      if (!cut) {
        cut = true;
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":', () => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = new LakeFS({ endpoint: origin, ...keys }, [], {});
      const closed = (await lastValueFrom(client.repository('abc').properties()).catch(
        (e: unknown) => e,
      )) as NetworkError;
      expect(closed.message).toBe(
        `GET /repositories/abc: no answer from ${origin} (UND_ERR_SOCKET: other side closed)`,
      );
      expect(closed.beforeResponse).toBe(true);
      const broken = (await lastValueFrom(client.repository('abc').properties()).catch(
        (e: unknown) => e,
      )) as NetworkError;
      expect(broken).toBeInstanceOf(NetworkError);
      expect(broken.beforeResponse).toBe(false);
      expect(broken.message).toMatch(
        new RegExp(`^GET /repositories/abc: the answer from ${origin} broke off after its headers`),
      );
      expect(broken.message).not.toMatch(/before a response/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the JSON cap', () => {
  const answering = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    new LakeFS(
      {
        endpoint: 'http://127.0.0.1:1',
        ...keys,
        maxJsonBytes: 1024,
        fetch: async () => new Response(body, { headers }),
      },
      [],
      {},
    );

  it('refuses an answer whose declared length is above the cap, without reading it', async () => {
    const client = answering('x'.repeat(2048), { 'content-length': '2048' });
    const error = await lastValueFrom(client.repository('abc').properties()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limitBytes).toBe(1024);
  });

  it('stops reading a body of unknown length once it passes the cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(512).fill(32));
      },
    });
    const error = await lastValueFrom(answering(endless).repository('abc').properties()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(pulled).toBeLessThan(10);
  });
});

describe('isLakeFSError', () => {
  it('recognises an error of another copy of the package (the other build) by its brand', () => {
    // what the CommonJS build's class looks like from the ESM build: same brand, another class
    const foreign = Object.assign(new Error('from the other build'), {
      [Symbol.for('lakefs-rx.LakeFSError')]: true,
    });
    expect(foreign instanceof LakeFSError).toBe(false);
    expect(isLakeFSError(foreign)).toBe(true);
    expect(isLakeFSError(new Error('plain'))).toBe(false);
    expect(isLakeFSError(new NetworkError('GET', '/x', new Error('e')))).toBe(true);
  });
});
