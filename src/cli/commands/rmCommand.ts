import type { Command } from 'commander';
import { type Observable, filter, map, tap } from 'rxjs';
import { CliContext, type CliIO } from '../CliContext';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx rm lakefs://repo/branch/path`: deletes an object; with `--recursive` every object under a
 * prefix, listed lazily and deleted 1000 per request.
 * @param parent - the program (or `fs`) to add the command to
 * @param io - where the command writes
 */
export function registerRmCommand(parent: Command, io: CliIO): void {
  parent
    .command('rm')
    .description('delete an object, or with --recursive every object under a prefix')
    .argument('<uri>', 'lakefs://<repository>/<branch>/<path or prefix>', uriArgument('object'))
    .option('-r, --recursive', 'delete every object under the prefix')
    .action(async (uri: LakeFSUri, opts: { recursive?: boolean }, command: Command) => {
      const cli = CliContext.of(io, command);
      const branch = cli
        .client()
        .repository(uri.repository)
        .branch(uri.ref as string);
      const path = uri.path as string;
      if (!opts.recursive) {
        if (path.endsWith('/')) throw new UsageError(`${path} is a prefix (use --recursive)`);
        await runObservable(branch.object(path).delete());
        cli.print({ deleted: 1, uri: formatLakeFSUri(uri) }, () => `deleted ${formatLakeFSUri(uri)}`);
        return;
      }
      let count = 0;
      const paths: Observable<string> = branch.objects({ prefix: path }).pipe(
        filter((row) => row.type === 'object'),
        map((row) => row.path),
        tap(() => (count += 1)),
      );
      await runObservable(branch.deleteObjects(paths));
      cli.print(
        { deleted: count, uri: formatLakeFSUri(uri) },
        () => `deleted ${count} object${count === 1 ? '' : 's'} under ${formatLakeFSUri(uri)}`,
      );
    });
}
