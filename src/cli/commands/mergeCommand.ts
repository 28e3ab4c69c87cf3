import { type Command, InvalidArgumentError } from 'commander';
import { CliContext, type CliIO } from '../CliContext';
import { parseMetadata } from '../args/parseMetadata';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';

interface MergeCommandOptions {
  readonly message?: string;
  readonly meta?: Record<string, string>;
  readonly strategy?: 'dest-wins' | 'source-wins';
  readonly squash?: boolean;
  readonly allowEmpty?: boolean;
}

/**
 * `lakefs-rx merge <source> <destination>`: merges a ref into a branch and prints the merge commit id.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerMergeCommand(program: Command, io: CliIO): void {
  program
    .command('merge')
    .description('merge a ref into a branch')
    .argument('<source>', 'lakefs://<repository>/<ref> to merge from', uriArgument('ref'))
    .argument('<destination>', 'lakefs://<repository>/<branch> to merge into', uriArgument('ref'))
    .option('-m, --message <message>', 'merge commit message')
    .option('--meta <key=value>', 'merge commit metadata (repeatable)', parseMetadata)
    .option('--strategy <strategy>', 'resolve conflicts in favour of dest-wins or source-wins', parseStrategy)
    .option('--squash', 'squash the merged commits into one')
    .option('--allow-empty', 'merge even when there is nothing to merge')
    .action(
      async (source: LakeFSUri, destination: LakeFSUri, opts: MergeCommandOptions, command: Command) => {
        const cli = CliContext.of(io, command);
        if (source.repository !== destination.repository)
          throw new UsageError(
            `cannot merge across repositories (${source.repository} and ${destination.repository})`,
          );
        const repository = cli.client().repository(source.repository);
        const merged = repository
          .ref(source.ref as string)
          .mergeInto(repository.branch(destination.ref as string), {
            ...(opts.message !== undefined ? { message: opts.message } : {}),
            ...(opts.meta ? { metadata: opts.meta } : {}),
            ...(opts.strategy ? { strategy: opts.strategy } : {}),
            ...(opts.squash ? { squash: true } : {}),
            ...(opts.allowEmpty ? { allowEmpty: true } : {}),
          });
        await runObservable(merged, (reference) =>
          cli.print(
            { source: formatLakeFSUri(source), destination: formatLakeFSUri(destination), reference },
            () => `merged ${formatLakeFSUri(source)} into ${formatLakeFSUri(destination)}: ${reference}`,
          ),
        );
      },
    );
}

function parseStrategy(value: string): 'dest-wins' | 'source-wins' {
  if (value === 'dest-wins' || value === 'source-wins') return value;
  throw new InvalidArgumentError(`--strategy must be dest-wins or source-wins, not ${JSON.stringify(value)}`);
}
