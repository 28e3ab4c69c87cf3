import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LakeFS } from '../node/LakeFS';
import { startServer } from '../server';
import { CliContext, type CliIO } from './CliContext';
import { runDemo } from './demo/runDemo';

/**
 * `lakefs-rx demo`: a tour (streamed upload with a progress bar, merge, transaction, import with ticks,
 * cancellation) against `LAKECTL_SERVER_ENDPOINT_URL` when it is set, else against a local server started
 * for the occasion.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerDemoCommand(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('a tour against a local server (or LAKECTL_SERVER_ENDPOINT_URL when set)')
    .action(async (_opts: unknown, command: Command) => {
      const cli = CliContext.of(io, command);
      const external = process.env.LAKECTL_SERVER_ENDPOINT_URL || process.env.LAKEFS_ENDPOINT;
      // the local server may import only from a directory of its own; a real lakeFS must allow the temp dir
      const importRoot = external ? tmpdir() : await mkdtemp(join(tmpdir(), 'lakefs-rx-demo-root-'));
      const server = external ? undefined : await startServer({ importRoots: [importRoot] });
      try {
        const lakefs = server ? new LakeFS({ endpoint: server.url, ...server.credentials }) : cli.client();
        io.stdout.write(`lakefs-rx demo against ${lakefs.endpoint}${server ? ' (local server)' : ''}\n`);
        await runDemo(lakefs, cli, (line) => cli.say(line), importRoot);
        cli.say('demo finished');
      } finally {
        await server?.close();
        if (!external) await rm(importRoot, { recursive: true, force: true });
      }
    });
}
