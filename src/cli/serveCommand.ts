import { isAbsolute, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DataDirError } from '../server';
import { startServer } from '../server';
import { CliContext, type CliIO } from './CliContext';
import { UsageError } from './output/formatError';

interface ServeOptions {
  readonly host: string;
  readonly port: string;
  readonly dataDir?: string;
  readonly importRoot?: string[];
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly presign?: boolean;
}

/** A value as a POSIX shell word: bare when safe, else single-quoted. */
const shellWord = (value: string): string =>
  /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/** @returns the port `--port` names; a usage error otherwise */
function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535)
    throw new UsageError(`--port must be a whole number from 0 to 65535 (0: any free port), got ${text}`);
  return port;
}

/** @returns the import roots; a usage error for a relative one (they are compared as absolute paths) */
function importRoots(roots: readonly string[] | undefined): string[] | undefined {
  const relative = roots?.find((root) => !isAbsolute(root));
  if (relative !== undefined)
    throw new UsageError(`--import-root must be an absolute directory, got ${relative}`);
  return roots ? [...roots] : undefined;
}

/**
 * `lakefs-rx serve`: runs the local server until interrupted, after printing its endpoint and credentials
 * as `export LAKECTL_*=…` lines a shell can paste (or one JSON object with `--json`) and whether it keeps
 * its state in memory or in a data directory.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerServeCommand(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('run the local lakeFS-compatible server until interrupted')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '8000')
    .option(
      '--data-dir <dir>',
      'keep everything (objects, repositories, commits, credentials) in this directory across restarts',
    )
    .option('--import-root <dir...>', 'absolute directories local:// imports may read')
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
      const port = parsePort(opts.port);
      const roots = importRoots(opts.importRoot);
      const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
      const server = await startServer({
        host: opts.host,
        port,
        ...(dataDir ? { dataDir } : {}),
        ...(roots ? { importRoots: roots } : {}),
        ...(opts.accessKeyId ? { accessKeyId: opts.accessKeyId } : {}),
        ...(opts.secretAccessKey ? { secretAccessKey: opts.secretAccessKey } : {}),
        ...(opts.presign ? { presign: true } : {}),
      }).catch((error: unknown) => {
        throw error instanceof DataDirError ? new UsageError(`--data-dir: ${error.message}`) : error;
      });
      // before printing: whoever reads the credentials may stop the server at once
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const mode = dataDir
        ? `persistent: everything is kept in ${dataDir} across restarts`
        : 'memory: nothing is kept when the server stops (use --data-dir <dir> to keep it)';
      cli.print(
        {
          endpoint: server.url,
          apiRoot: `${server.url}/api/v1`,
          ...server.credentials,
          mode: server.mode,
          ...(dataDir ? { dataDir } : {}),
        },
        () =>
          [
            `# lakefs-rx local server listening on ${server.url} (API ${server.url}/api/v1)`,
            `# mode: ${mode}`,
            `export LAKECTL_SERVER_ENDPOINT_URL=${shellWord(server.url)}`,
            `export LAKECTL_CREDENTIALS_ACCESS_KEY_ID=${shellWord(server.credentials.accessKeyId)}`,
            `export LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY=${shellWord(server.credentials.secretAccessKey)}`,
            '# press Ctrl+C to stop',
          ].join('\n'),
      );
    });
}
