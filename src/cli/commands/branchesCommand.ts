import type { Command } from 'commander';
import { paginate } from '../../operators/paginate';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, parseLakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx branches [list|create|delete]`: list a repository's branches with their head commits (the
 * default), create a branch from a ref, or delete one.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerBranchesCommand(program: Command, io: CliIO): void {
  const branches = program.command('branches').description('list, create or delete branches');

  branches
    .command('list', { isDefault: true })
    .description('list branches and their head commits (the default subcommand)')
    .argument('<repository>', 'lakefs://<repository>', uriArgument('repository'))
    .option('--prefix <prefix>', 'only branches starting with this prefix')
    .option('--amount <n>', 'at most this many', parseCount)
    .option('--show-hidden', 'include hidden branches')
    .action(
      async (
        uri: LakeFSUri,
        opts: { prefix?: string; amount?: number; showHidden?: boolean },
        command: Command,
      ) => {
        const cli = CliContext.of(io, command);
        const { api } = cli.client();
        // The low-level listing carries each head commit id, which branch handles do not.
        const listing = paginate(
          (after, amount) =>
            api.listBranches(uri.repository, {
              prefix: opts.prefix,
              after,
              amount,
              ...(opts.showHidden ? { show_hidden: true } : {}),
            }),
          { maxAmount: opts.amount },
        );
        await runObservable(listing, (ref) =>
          cli.print({ id: ref.id, commitId: ref.commit_id }, () => `${ref.id}\t${ref.commit_id}`),
        );
      },
    );

  branches
    .command('create')
    .description('create a branch from a ref')
    .argument('<branch>', 'lakefs://<repository>/<new branch>', uriArgument('ref'))
    .requiredOption('-s, --source <ref>', 'lakefs://<repository>/<ref> (or just <ref>) to branch from')
    .option('--exist-ok', 'succeed when the branch already exists')
    .action(async (uri: LakeFSUri, opts: { source: string; existOk?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      const source = sourceRef(opts.source, uri.repository);
      const branch = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string);
      await runObservable(branch.create(source, { existOk: opts.existOk === true }));
      cli.print(
        { repository: uri.repository, branch: branch.id, source },
        () => `created branch ${formatLakeFSUri(uri)} from ${source}`,
      );
    });

  branches
    .command('delete')
    .description('delete a branch (its uncommitted changes are lost)')
    .argument('<branch>', 'lakefs://<repository>/<branch>', uriArgument('ref'))
    .option('--missing-ok', 'succeed when the branch does not exist')
    .action(async (uri: LakeFSUri, opts: { missingOk?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      const branch = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string);
      await runObservable(branch.delete({ missingOk: opts.missingOk === true }));
      cli.print(
        { repository: uri.repository, deleted: branch.id },
        () => `deleted branch ${formatLakeFSUri(uri)}`,
      );
    });
}

/** `--source` as a ref: a bare ref, or a lakefs:// URI of the same repository. */
function sourceRef(source: string, repository: string): string {
  if (!source.startsWith('lakefs://')) return source;
  let parsed: LakeFSUri;
  try {
    parsed = parseLakeFSUri(source, 'ref');
  } catch (error) {
    throw new UsageError(`--source: ${(error as Error).message}`);
  }
  if (parsed.repository !== repository)
    throw new UsageError(`--source ${source} is not in repository ${repository}`);
  return parsed.ref as string;
}
