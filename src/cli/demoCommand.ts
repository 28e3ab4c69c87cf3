import type { Command } from 'commander';
import { runQuickstart } from '../../examples/quickstart';
import { LakeFS } from '../node/LakeFS';
import { startServer } from '../server/startServer';

/**
 * `lakefs-rx demo`: runs the quickstart against `LAKECTL_SERVER_ENDPOINT_URL` when it is set, else against
 * a local server started for the occasion.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the quickstart against a local server (or LAKECTL_SERVER_ENDPOINT_URL when set)')
    .action(async () => {
      const external = process.env.LAKECTL_SERVER_ENDPOINT_URL || process.env.LAKEFS_ENDPOINT;
      const server = external ? undefined : await startServer();
      try {
        const lakefs = server ? new LakeFS({ endpoint: server.url, ...server.credentials }) : LakeFS.fromEnv();
        process.stdout.write(`lakefs-rx demo against ${lakefs.endpoint}${server ? ' (local server)' : ''}\n`);
        await runQuickstart(lakefs, (line) => process.stdout.write(`${line}\n`));
        process.stdout.write('demo finished\n');
      } finally {
        await server?.close();
      }
    });
}
