import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type LocalServer, startServer } from '../../../src/server';
import { againstRealLakeFS, itLocal } from '../../support/testLakeFS';

// a real collector, whatever flags jest was started with
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const OVERWRITES = 40;

/**
 * Bytes in ArrayBuffers after full collections. V8 frees dead ArrayBuffers' memory concurrently after a
 * collection, so collect and let a turn pass until the figure stops falling (at most 10 rounds).
 */
async function settledArrayBuffers(): Promise<number> {
  let bytes = Infinity;
  for (let round = 0; round < 10; round++) {
    gc();
    await new Promise((done) => setTimeout(done, 20));
    const now = process.memoryUsage().arrayBuffers;
    if (now >= bytes) break;
    bytes = now;
  }
  return bytes;
}

/**
 * Memory mode frees object bytes: after many overwrites of a 2 MiB object and its delete, one reclamation
 * brings the bytes held in Buffers back to about where they started (nothing keeps the freed blobs).
 */
(againstRealLakeFS ? describe.skip : describe)(
  'memory mode frees the bytes of overwritten and deleted objects',
  () => {
    let server: LocalServer;
    let auth: string;
    beforeAll(async () => {
      server = await startServer({ reclaimIntervalMs: 0 });
      auth = `Basic ${Buffer.from(`${server.credentials.accessKeyId}:${server.credentials.secretAccessKey}`).toString('base64')}`;
    });
    afterAll(() => server.close());

    const call = async (method: string, path: string, body?: string | Uint8Array<ArrayBuffer>) => {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: auth,
          'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream',
        },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    };

    itLocal(
      `${OVERWRITES} overwrites of a 2 MiB object and a delete: Buffers fall back after reclamation`,
      async () => {
        expect(
          await call(
            'POST',
            '/repositories',
            JSON.stringify({ name: 'freed', storage_namespace: 'local://ns/freed' }),
          ),
        ).toBe(201);
        const start = await settledArrayBuffers();
        for (let i = 0; i < OVERWRITES; i++)
          expect(
            await call(
              'POST',
              '/repositories/freed/branches/main/objects?path=big',
              new Uint8Array(randomBytes(2 * MB)),
            ),
          ).toBe(201);
        expect(await call('DELETE', '/repositories/freed/branches/main/objects?path=big')).toBe(204);
        // every version is still held until reclamation (the grace period of a fresh write is waived here)
        const filled = await settledArrayBuffers();
        expect(filled - start).toBeGreaterThan(OVERWRITES * 2 * MB * 0.9);

        const report = await server.reclaimSpace({ graceMs: 0 });
        expect(report).toMatchObject({ removedObjects: OVERWRITES, freedBytes: OVERWRITES * 2 * MB });
        const reclaimed = await settledArrayBuffers();
        // back near the start: at most one object's worth of slack for the client's and server's own buffers
        expect(reclaimed - start).toBeLessThan(2 * MB);
      },
    );
  },
);
