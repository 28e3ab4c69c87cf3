import type { Command } from 'commander';
import { CliContext, type CliIO } from '../CliContext';
import { parseMetadata } from '../args/parseMetadata';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

interface CommitCommandOptions {
  readonly message: string;
  readonly meta?: Record<string, string>;
  readonly allowEmpty?: boolean;
}

/**
 * `lakefs-rx commit lakefs://repo/branch -m <message>`: commits the branch's staged changes.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerCommitCommand(program: Command, io: CliIO): void {
  program
    .command('commit')
    .description("commit a branch's uncommitted changes")
    .argument('<branch>', 'lakefs://<repository>/<branch>', uriArgument('ref'))
    .requiredOption('-m, --message <message>', 'commit message')
    .option('--meta <key=value>', 'commit metadata (repeatable)', parseMetadata)
    .option('--allow-empty', 'commit even when nothing changed')
    .action(async (uri: LakeFSUri, opts: CommitCommandOptions, command: Command) => {
      const cli = CliContext.of(io, command);
      if (opts.message.trim() === '') throw new UsageError('commit needs a message: -m "<what changed>"');
      if (uri.path !== undefined)
        throw new UsageError(
          `commit takes a branch URI, not a path: lakefs://${uri.repository}/${uri.ref as string} ` +
            '(a commit takes every uncommitted change of the branch)',
        );
      const committed = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string)
        .commit(opts.message, {
          ...(opts.meta ? { metadata: opts.meta } : {}),
          ...(opts.allowEmpty ? { allowEmpty: true } : {}),
        });
      await runObservable(committed, (commit) =>
        cli.print(commit, () => `commit ${commit.id}\n    ${commit.message}`),
      );
    });
}
