import type { Command } from 'commander';
import type { Observable } from 'rxjs';
import type { Change } from '../../models/models';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { formatBytes } from '../output/formatBytes';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

interface DiffCommandOptions {
  readonly twoWay?: boolean;
  readonly amount?: number;
}

const MARK: Record<Change['type'], string> = {
  added: '+',
  removed: '-',
  changed: '~',
  conflict: '!',
  prefix_changed: '~',
};

/**
 * `lakefs-rx diff <left> [<right>]`: with one branch URI, its uncommitted changes; with two refs, the
 * changes from left to right (three-dot, i.e. since their merge base, unless `--two-way`). A path in the
 * first URI narrows the diff to that prefix.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerDiffCommand(program: Command, io: CliIO): void {
  program
    .command('diff')
    .description("show a branch's uncommitted changes, or the changes between two refs")
    .argument('<left>', 'lakefs://<repository>/<ref>[/<prefix>]', uriArgument('ref'))
    .argument('[right]', 'lakefs://<repository>/<ref>', uriArgument('ref'))
    .option('--two-way', 'compare the two refs directly instead of from their merge base')
    .option('--amount <n>', 'at most this many changes', parseCount)
    .action(
      async (left: LakeFSUri, right: LakeFSUri | undefined, opts: DiffCommandOptions, command: Command) => {
        const cli = CliContext.of(io, command);
        if (right && right.repository !== left.repository)
          throw new UsageError(
            `cannot diff across repositories (${left.repository} and ${right.repository})`,
          );
        const repository = cli.client().repository(left.repository);
        const common = {
          ...(left.path !== undefined ? { prefix: left.path } : {}),
          ...(opts.amount !== undefined ? { maxAmount: opts.amount } : {}),
        };
        const changes: Observable<Change> = right
          ? repository
              .ref(left.ref as string)
              .diff(right.ref as string, { ...common, type: opts.twoWay ? 'two_dot' : 'three_dot' })
          : repository.branch(left.ref as string).uncommitted(common);
        await runObservable(changes, (change) => cli.print(change, () => formatChange(change)));
      },
    );
}

function formatChange(change: Change): string {
  const size = change.sizeBytes !== undefined ? `\t${formatBytes(change.sizeBytes)}` : '';
  return `${MARK[change.type]} ${change.type}\t${change.path}${size}`;
}
