import type { Command } from 'commander';
import { runQuickstart } from '../../examples/quickstart';
import { LakeFS } from '../node/LakeFS';
import { startServer } from '../server/startServer';
import { CliContext, type CliIO } from './CliContext';

/**
 * `lakefs-rx demo`: runs the quickstart against `LAKECTL_SERVER_ENDPOINT_URL` when it is set, else against
 * a local server started for the occasion.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerDemoCommand(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('run the quickstart against a local server (or LAKECTL_SERVER_ENDPOINT_URL when set)')
    .action(async (_opts: unknown, command: Command) => {
      const cli = CliContext.of(io, command);
      const external = process.env.LAKECTL_SERVER_ENDPOINT_URL || process.env.LAKEFS_ENDPOINT;
      const server = external ? undefined : await startServer();
      try {
        const lakefs = server ? new LakeFS({ endpoint: server.url, ...server.credentials }) : cli.client();
        io.stdout.write(`lakefs-rx demo against ${lakefs.endpoint}${server ? ' (local server)' : ''}\n`);
        await runQuickstart(lakefs, (line) => io.stdout.write(`${line}\n`));
        io.stdout.write('demo finished\n');
      } finally {
        await server?.close();
      }
    });
}
