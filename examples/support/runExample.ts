import { LakeFS } from '../../src';
import { type ServerOptions, startServer } from '../../src/server';

/**
 * Runs an example's function against a local server started for the occasion, then stops the server.
 * @param run - the example, given a client for the server
 * @param serverOptions - e.g. `importRoots` for the import examples
 */
export async function runAgainstLocalServer<T>(
  run: (lakefs: LakeFS) => Promise<T>,
  serverOptions: ServerOptions = {},
): Promise<T> {
  const server = await startServer(serverOptions);
  try {
    return await run(new LakeFS({ endpoint: server.url, ...server.credentials }));
  } finally {
    await server.close();
  }
}

/** Runs `main` when the example file is executed directly (`npx tsx examples/x.ts`); prints a one-line error. */
export function runIfMain(module: NodeModule, main: () => Promise<unknown>): void {
  if (require.main !== module) return;
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
