import type { Command } from 'commander';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { confirm } from '../output/confirm';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx repos [list|create|delete]`: list repositories (the default), create or delete one.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerReposCommand(program: Command, io: CliIO): void {
  const repos = program.command('repos').alias('repo').description('list, create or delete repositories');

  repos
    .command('list', { isDefault: true })
    .description('list repositories (the default subcommand)')
    .option('--prefix <prefix>', 'only ids starting with this prefix')
    .option('--amount <n>', 'at most this many', parseCount)
    .action(async (opts: { prefix?: string; amount?: number }, command: Command) => {
      const cli = CliContext.of(io, command);
      const listing = cli.client().repositories({ prefix: opts.prefix, maxAmount: opts.amount });
      await runObservable(listing, (repo) =>
        cli.print(
          repo,
          () =>
            `${repo.id}\t${repo.defaultBranch}\t${repo.storageNamespace}\t${repo.creationDate.toISOString()}`,
        ),
      );
    });

  repos
    .command('create')
    .description('create a repository with its default branch')
    .argument('<repository>', 'lakefs://<repository>', uriArgument('repository'))
    .option('--storage-namespace <uri>', "where data lives (default: the server's namespace prefix + id)")
    .option('--default-branch <name>', 'name of the default branch', 'main')
    .option('--sample-data', 'populate sample data')
    .option('--exist-ok', 'succeed when the repository already exists')
    .action(
      async (
        uri: LakeFSUri,
        opts: { storageNamespace?: string; defaultBranch: string; sampleData?: boolean; existOk?: boolean },
        command: Command,
      ) => {
        const cli = CliContext.of(io, command);
        const created = cli
          .client()
          .repository(uri.repository)
          .create({
            defaultBranch: opts.defaultBranch,
            ...(opts.storageNamespace ? { storageNamespace: opts.storageNamespace } : {}),
            ...(opts.sampleData ? { sampleData: true } : {}),
            ...(opts.existOk ? { existOk: true } : {}),
          });
        await runObservable(created, (repo) =>
          cli.print(
            repo,
            () => `repository ${repo.id} (${repo.storageNamespace}, default branch ${repo.defaultBranch})`,
          ),
        );
      },
    );

  repos
    .command('delete')
    .description('delete a repository')
    .argument('<repository>', 'lakefs://<repository>', uriArgument('repository'))
    .option('--missing-ok', 'succeed when the repository does not exist')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .action(async (uri: LakeFSUri, opts: { missingOk?: boolean; yes?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      if (!opts.yes)
        await confirm(io, `delete repository ${uri.repository} with all its branches, tags and commits?`);
      await runObservable(
        cli
          .client()
          .repository(uri.repository)
          .delete({ missingOk: opts.missingOk === true }),
      );
      cli.print({ deleted: uri.repository }, () => `deleted repository ${uri.repository}`);
    });
}
