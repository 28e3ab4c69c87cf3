import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LakeFS, type LakeFSOptions } from '../../src';
import { type LocalServer, type ServerOptions, startServer } from '../../src/server';

/** A client for the integration suite, and the local server behind it when there is one. */
export interface TestTarget {
  /** Client pointed at the target. */
  readonly lakefs: LakeFS;
  /** The in-process local server, or undefined when running against a real lakeFS. */
  readonly server: LocalServer | undefined;
  readonly endpoint: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** Makes another client against the same target. */
  client(options?: LakeFSOptions): LakeFS;
  /** A fresh repository id, unique per run. */
  repoId(label?: string): string;
  close(): Promise<void>;
}

/** True when `LAKEFS_TEST_ENDPOINT` points the suite at a real lakeFS. */
export const againstRealLakeFS = !!process.env.LAKEFS_TEST_ENDPOINT;

/** `it` for tests that observe the local server itself (request counts, aborts): skipped against a real lakeFS. */
export const itLocal: jest.It = againstRealLakeFS ? it.skip : it;

/** True when `LAKEFS_TEST_DATA_DIR=1` runs every local server with a fresh data directory (persistent mode). */
export const withDataDir = process.env.LAKEFS_TEST_DATA_DIR === '1';

/**
 * Starts the local server (or connects to `LAKEFS_TEST_ENDPOINT` with `LAKEFS_TEST_ACCESS_KEY_ID` /
 * `LAKEFS_TEST_SECRET_ACCESS_KEY`) and returns a client for it.
 */
export async function startTarget(serverOptions: ServerOptions = {}): Promise<TestTarget> {
  let server: LocalServer | undefined;
  let dataDir: string | undefined;
  let endpoint: string;
  let credentials: { accessKeyId: string; secretAccessKey: string };
  if (againstRealLakeFS) {
    endpoint = process.env.LAKEFS_TEST_ENDPOINT as string;
    credentials = {
      accessKeyId: process.env.LAKEFS_TEST_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.LAKEFS_TEST_SECRET_ACCESS_KEY ?? '',
    };
  } else {
    // like the real lakeFS the suite also runs against (local adapter: no presign); presign tests opt in
    dataDir =
      withDataDir && !serverOptions.dataDir ? mkdtempSync(join(tmpdir(), 'lakefs-rx-suite-')) : undefined;
    server = await startServer({ presign: false, ...(dataDir ? { dataDir } : {}), ...serverOptions });
    endpoint = server.url;
    credentials = { ...server.credentials };
  }
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  const client = (options: LakeFSOptions = {}): LakeFS =>
    new LakeFS({ endpoint, ...credentials, retry: { baseDelayMs: 10 }, ...options });
  return {
    lakefs: client(),
    server,
    endpoint,
    credentials,
    client,
    repoId: (label = 'repo') => `t-${label}-${run}-${++counter}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    close: async () => {
      await server?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
