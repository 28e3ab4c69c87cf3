import type { Command } from 'commander';
import { paginate } from '../../operators/paginate';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { confirm } from '../output/confirm';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';
import { sourceRef } from './sourceRef';

/**
 * `lakefs-rx branches [list|create|delete]`: list a repository's branches with their head commits (the
 * default), create a branch from a ref, or delete one.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerBranchesCommand(program: Command, io: CliIO): void {
  const branches = program
    .command('branches')
    .alias('branch')
    .description('list, create, delete, reset or revert branches');

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
      const source = sourceRef(opts.source, uri.repository, '--source');
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

  branches
    .command('reset')
    .description("drop a branch's uncommitted changes: all of them, under a prefix/, or of one object")
    .argument('<branch>', 'lakefs://<repository>/<branch>[/<path or prefix/>]', uriArgument('ref'))
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .action(async (uri: LakeFSUri, opts: { yes?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      const path = uri.path;
      const scope = path === undefined ? 'all uncommitted changes' : `uncommitted changes of ${path}`;
      if (!opts.yes) await confirm(io, `drop ${scope} on ${formatLakeFSUri(uri)}?`);
      const reset = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string)
        .resetChanges(
          path === undefined ? {} : { pathType: path.endsWith('/') ? 'common_prefix' : 'object', path },
        );
      await runObservable(reset);
      cli.print(
        { repository: uri.repository, branch: uri.ref, reset: path ?? null },
        () => `reset ${scope} on lakefs://${uri.repository}/${uri.ref as string}`,
      );
    });

  branches
    .command('revert')
    .description('undo the changes of one or more commits with new commits on the branch')
    .argument('<branch>', 'lakefs://<repository>/<branch>', uriArgument('ref'))
    .argument('<commits...>', 'commit refs to revert, in order (bare or lakefs://<repository>/<ref>)')
    .option('-m, --parent-number <n>', 'for a merge commit: the parent to diff against (1-based)', parseCount)
    .action(async (uri: LakeFSUri, commits: string[], opts: { parentNumber?: number }, command: Command) => {
      const cli = CliContext.of(io, command);
      if (uri.path !== undefined)
        throw new UsageError(`revert takes a branch URI, not a path: ${formatLakeFSUri(uri)}`);
      const branch = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string);
      for (const commit of commits) {
        const ref = sourceRef(commit, uri.repository, 'commit');
        const options = opts.parentNumber !== undefined ? { parentNumber: opts.parentNumber } : {};
        await runObservable(branch.revert(ref, options), (head) =>
          cli.print({ reverted: ref, commit: head }, () => `reverted ${ref}: new head ${head.id}`),
        );
      }
    });
}
