import type { Command } from 'commander';
import type { CommonPrefix, ObjectInfo } from '../../models/models';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { formatBytes } from '../output/formatBytes';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx ls lakefs://repo/ref/[prefix]`: lists objects and, unless `--recursive`, the common prefixes
 * one level below the prefix. Pages are fetched as rows are printed.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerLsCommand(program: Command, io: CliIO): void {
  program
    .command('ls')
    .description('list objects under a path')
    .argument('<uri>', 'lakefs://<repository>/<ref>[/<prefix>]', uriArgument('ref'))
    .option('-r, --recursive', 'list every object under the prefix instead of one level')
    .option('--amount <n>', 'at most this many rows', parseCount)
    .action(async (uri: LakeFSUri, opts: { recursive?: boolean; amount?: number }, command: Command) => {
      const cli = CliContext.of(io, command);
      const listing = cli
        .client()
        .repository(uri.repository)
        .ref(uri.ref as string)
        .objects({
          prefix: uri.path ?? '',
          delimiter: opts.recursive ? '' : '/',
          ...(opts.amount !== undefined ? { maxAmount: opts.amount } : {}),
        });
      await runObservable(listing, (row) => cli.print(row, () => formatRow(row)));
    });
}

function formatRow(row: ObjectInfo | CommonPrefix): string {
  if (row.type === 'common_prefix') return `common_prefix\t\t\t${row.path}`;
  return `object\t${row.mtime.toISOString()}\t${formatBytes(row.sizeBytes)}\t${row.path}`;
}
