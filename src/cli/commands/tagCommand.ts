import type { Command } from 'commander';
import { paginate } from '../../operators/paginate';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';
import { sourceRef } from './sourceRef';

/**
 * `lakefs-rx tag create|list|delete`: lakectl's tag commands.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerTagCommand(program: Command, io: CliIO): void {
  const tag = program.command('tag').alias('tags').description('create, list or delete tags');

  tag
    .command('list', { isDefault: true })
    .description("list a repository's tags and their commits (the default subcommand)")
    .argument('<repository>', 'lakefs://<repository>', uriArgument('repository'))
    .option('--prefix <prefix>', 'only tags starting with this prefix')
    .option('--amount <n>', 'at most this many', parseCount)
    .action(async (uri: LakeFSUri, opts: { prefix?: string; amount?: number }, command: Command) => {
      const cli = CliContext.of(io, command);
      const { api } = cli.client();
      const listing = paginate(
        (after, amount) => api.listTags(uri.repository, { prefix: opts.prefix, after, amount }),
        { maxAmount: opts.amount },
      );
      await runObservable(listing, (ref) =>
        cli.print({ id: ref.id, commitId: ref.commit_id }, () => `${ref.id}\t${ref.commit_id}`),
      );
    });

  tag
    .command('create')
    .description('create a tag at the commit a ref points to')
    .argument('<tag>', 'lakefs://<repository>/<tag>', uriArgument('ref'))
    .argument('<source>', 'lakefs://<repository>/<ref> (or just <ref>) to tag')
    .option('--exist-ok', 'succeed when the tag already exists')
    .action(async (uri: LakeFSUri, source: string, opts: { existOk?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      const ref = sourceRef(source, uri.repository, 'source');
      const created = cli
        .client()
        .repository(uri.repository)
        .tag(uri.ref as string)
        .create(ref, { existOk: opts.existOk === true });
      await runObservable(created);
      cli.print(
        { repository: uri.repository, tag: uri.ref, source: ref },
        () => `created tag ${formatLakeFSUri(uri)} at ${ref}`,
      );
    });

  tag
    .command('delete')
    .description('delete a tag (the commit stays)')
    .argument('<tag>', 'lakefs://<repository>/<tag>', uriArgument('ref'))
    .option('--missing-ok', 'succeed when the tag does not exist')
    .action(async (uri: LakeFSUri, opts: { missingOk?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      await runObservable(
        cli
          .client()
          .repository(uri.repository)
          .tag(uri.ref as string)
          .delete({ missingOk: opts.missingOk === true }),
      );
      cli.print(
        { repository: uri.repository, deleted: uri.ref },
        () => `deleted tag ${formatLakeFSUri(uri)}`,
      );
    });
}
