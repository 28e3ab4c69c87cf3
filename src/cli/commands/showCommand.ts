import type { Command } from 'commander';
import { CliContext, type CliIO } from '../CliContext';
import { formatCommit } from '../output/formatCommit';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx show commit lakefs://repo/<ref>`: the commit a ref points to (lakectl's `show commit`).
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerShowCommand(program: Command, io: CliIO): void {
  const show = program.command('show').description('show an object of the repository (a commit)');
  show
    .command('commit')
    .description('show a commit: id, parents, author, date, metadata and message')
    .argument('<commit>', 'lakefs://<repository>/<commit id or any ref>', uriArgument('ref'))
    .action(async (uri: LakeFSUri, _opts: unknown, command: Command) => {
      const cli = CliContext.of(io, command);
      const commit = cli
        .client()
        .repository(uri.repository)
        .ref(uri.ref as string)
        .getCommit();
      await runObservable(commit, (found) => cli.print(found, () => formatCommit(found).trimEnd()));
    });
}
