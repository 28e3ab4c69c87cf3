import { type Command, Option } from 'commander';
import { startServer } from '../server/startServer';
import { CliContext, type CliIO } from './CliContext';

interface ServeOptions {
  readonly host: string;
  readonly port: string;
  readonly dataDir?: string;
  readonly importRoot?: string[];
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly presign?: boolean;
}

/**
 * `lakefs-rx serve`: runs the local server until interrupted, after printing its endpoint and credentials
 * (as `LAKECTL_*` lines ready for `export`, or one JSON object with `--json`).
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerServeCommand(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('run the local lakeFS-compatible server until interrupted')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '8000')
    .option('--data-dir <dir>', 'keep object data in this directory instead of memory')
    .option('--import-root <dir...>', 'directories local:// imports may read')
    .option('--access-key-id <key>', 'access key id to accept')
    .addOption(
      // a secret on the command line shows in `ps`: the environment is the safer place for it
      new Option('--secret-access-key <secret>', 'secret access key to accept').env(
        'LAKEFS_RX_SECRET_ACCESS_KEY',
      ),
    )
    .option(
      '--presign',
      'advertise pre_sign_support and serve presigned URLs (off, like lakeFS on local storage)',
    )
    .action(async (opts: ServeOptions, command: Command) => {
      const cli = CliContext.of(io, command);
      const server = await startServer({
        host: opts.host,
        port: Number(opts.port),
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        ...(opts.importRoot ? { importRoots: opts.importRoot } : {}),
        ...(opts.accessKeyId ? { accessKeyId: opts.accessKeyId } : {}),
        ...(opts.secretAccessKey ? { secretAccessKey: opts.secretAccessKey } : {}),
        ...(opts.presign ? { presign: true } : {}),
      });
      cli.print({ endpoint: server.url, apiRoot: `${server.url}/api/v1`, ...server.credentials }, () =>
        [
          `lakefs-rx local server listening on ${server.url} (API ${server.url}/api/v1)`,
          `LAKECTL_SERVER_ENDPOINT_URL=${server.url}`,
          `LAKECTL_CREDENTIALS_ACCESS_KEY_ID=${server.credentials.accessKeyId}`,
          `LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY=${server.credentials.secretAccessKey}`,
          'press Ctrl+C to stop',
        ].join('\n'),
      );
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
