import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server';

/** Where an example runs: a lakeFS (yours, or a local server) and a directory it can import from. */
export interface ExampleTarget {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** A `local://` prefix of generated files the server may import (or `LAKEFS_EXAMPLE_IMPORT_SOURCE`). */
  readonly importSource: string;
  /** How many objects the generated source holds (undefined for a source given by the environment). */
  readonly importObjects?: number;
  /** True for the local server started for the example. */
  readonly local: boolean;
  /** Stops the local server and removes the generated files. */
  close(): Promise<void>;
}

/**
 * The lakeFS an example talks to: `LAKECTL_SERVER_ENDPOINT_URL` with `LAKECTL_CREDENTIALS_ACCESS_KEY_ID` /
 * `LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY` when set (as lakectl reads them), else a local server started
 * for the occasion. Files to import are generated under the temporary directory (a lakeFS on this machine
 * must allow it: `LAKEFS_BLOCKSTORE_LOCAL_ALLOWED_EXTERNAL_PREFIXES`), unless `LAKEFS_EXAMPLE_IMPORT_SOURCE`
 * names a source.
 * @param files - how many files to generate for imports
 * @returns the target
 */
export async function exampleTarget(files = 2000): Promise<ExampleTarget> {
  const given = process.env.LAKEFS_EXAMPLE_IMPORT_SOURCE;
  const work = given ? undefined : mkdtempSync(join(tmpdir(), 'lakefs-rx-example-'));
  if (work) {
    for (let i = 0; i < files; i++) {
      const dir = join(work, `day-${i % 10}`);
      if (i < 10) mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `event-${i}.json`), JSON.stringify({ id: i }));
    }
  }
  const importSource = given ?? `local://${work}/`;
  const cleanup = (): void => {
    if (work) rmSync(work, { recursive: true, force: true });
  };
  const endpoint = process.env.LAKECTL_SERVER_ENDPOINT_URL;
  if (endpoint) {
    return {
      endpoint,
      accessKeyId: process.env.LAKECTL_CREDENTIALS_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY ?? '',
      importSource,
      ...(given ? {} : { importObjects: files }),
      local: false,
      close: async () => cleanup(),
    };
  }
  const server = await startServer({ importRoots: work ? [work] : [] });
  return {
    endpoint: server.url,
    ...server.credentials,
    importSource,
    ...(given ? {} : { importObjects: files }),
    local: true,
    close: async () => {
      await server.close();
      cleanup();
    },
  };
}

/**
 * The port an example's page is served on: `--port <n>`, else `PORT`, else `fallback`.
 * @param argv - the command line @default process.argv
 * @param fallback - @default 0 (any free port)
 * @returns the port
 * @throws Error when the value is not a port number
 */
export function examplePort(argv: readonly string[] = process.argv, fallback = 0): number {
  const flag = argv.indexOf('--port');
  const text = flag >= 0 ? argv[flag + 1] : process.env.PORT;
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: ${text} is not a port number`);
  return port;
}
