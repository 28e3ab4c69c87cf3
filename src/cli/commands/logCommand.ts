import type { Command } from 'commander';
import type { Commit } from '../../models/models';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { formatCommit } from '../output/formatCommit';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

interface LogCommandOptions {
  readonly amount?: number;
  readonly oneline?: boolean;
  readonly firstParent?: boolean;
}

/**
 * `lakefs-rx log lakefs://repo/ref[/path]`: the commit log from a ref, newest first; with a path, only the
 * commits that changed it (a path ending in `/` is a prefix).
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerLogCommand(program: Command, io: CliIO): void {
  program
    .command('log')
    .description('show the commit log of a ref')
    .argument('<uri>', 'lakefs://<repository>/<ref>[/<path or prefix/>]', uriArgument('ref'))
    .option('--amount <n>', 'at most this many commits', parseCount)
    .option('--oneline', 'one line per commit: id and message')
    .option('--first-parent', 'follow only the first parent of merges')
    .action(async (uri: LakeFSUri, opts: LogCommandOptions, command: Command) => {
      const cli = CliContext.of(io, command);
      const path = uri.path;
      const log = cli
        .client()
        .repository(uri.repository)
        .ref(uri.ref as string)
        .log({
          ...(opts.amount !== undefined ? { maxAmount: opts.amount } : {}),
          ...(opts.firstParent ? { firstParent: true } : {}),
          ...(path === undefined ? {} : path.endsWith('/') ? { prefixes: [path] } : { objects: [path] }),
        });
      await runObservable(log, (commit) =>
        cli.print(commit, () =>
          opts.oneline ? `${commit.id.slice(0, 16)} ${firstLine(commit)}` : formatCommit(commit),
        ),
      );
    });
}

function firstLine(commit: Commit): string {
  return commit.message.split('\n')[0] ?? '';
}
