import type { Command } from 'commander';
import { last, tap } from 'rxjs';
import type { ImportStatus } from '../../models/models';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { parseMetadata } from '../args/parseMetadata';
import { countImportable } from '../files/countImportable';
import { runObservable } from '../output/runObservable';
import { withProgress } from '../progress/withProgress';
import { type LakeFSUri, formatLakeFSUri, parseLakeFSUri } from '../uri/LakeFSUri';

interface ImportCommandOptions {
  readonly from: string;
  readonly to: LakeFSUri;
  readonly message?: string;
  readonly meta?: Record<string, string>;
  readonly object?: boolean;
  readonly pollInterval?: number;
}

/**
 * `lakefs-rx import --from <source> --to lakefs://repo/branch/[prefix/]`: imports objects in place (no
 * copy) and commits them, drawing a live progress bar from the import's status ticks. Ctrl+C cancels the
 * import on the server.
 * @param program - the program to add the command to
 * @param io - where the command writes
 */
export function registerImportCommand(program: Command, io: CliIO): void {
  program
    .command('import')
    .description('import objects from object storage (or local:// paths the server allows) and commit them')
    .requiredOption('--from <uri>', 'source URI, e.g. s3://bucket/prefix/ or local:///abs/dir')
    .requiredOption('--to <uri>', 'lakefs://<repository>/<branch>/[<prefix/>]', (value) =>
      parseLakeFSUri(value, 'ref'),
    )
    .option('-m, --message <message>', 'commit message')
    .option('--meta <key=value>', 'commit metadata (repeatable)', parseMetadata)
    .option('--object', 'import one object (--from names an object, --to the object path)')
    .option('--poll-interval <ms>', 'how often to ask for the status', parseCount)
    .action(async (opts: ImportCommandOptions, command: Command) => {
      const cli = CliContext.of(io, command);
      const destination = opts.to.path ?? '';
      const kind = opts.object ? 'object' : 'prefix';
      const expected = await countImportable(opts.from, kind);
      const importer = cli
        .client()
        .repository(opts.to.repository)
        .branch(opts.to.ref as string)
        .importData({
          ...(opts.message !== undefined ? { commitMessage: opts.message } : {}),
          ...(opts.meta ? { metadata: opts.meta } : {}),
        });
      const job =
        kind === 'object' ? importer.object(opts.from, destination) : importer.prefix(opts.from, destination);
      const display = cli.progress(`import ${opts.from} → ${formatLakeFSUri(opts.to)}`, 'objects');
      const ticks = job
        .run(opts.pollInterval !== undefined ? { pollIntervalMs: opts.pollInterval } : {})
        .pipe(
          withProgress(display, (status: ImportStatus) => {
            // The finished tick pins the bar at 100 % even when the estimate was off (or missing).
            const total = status.completed ? status.ingestedObjects : expected;
            return {
              loaded: status.ingestedObjects,
              ...(total !== undefined ? { total: Math.max(total, status.ingestedObjects) } : {}),
            };
          }),
          last(),
          tap((status) =>
            cli.print(status, () =>
              [
                `imported ${status.ingestedObjects} objects into ${formatLakeFSUri(opts.to)}`,
                `commit ${status.commit?.id ?? '(none)'}`,
              ].join('\n'),
            ),
          ),
        );
      await runObservable(ticks);
    });
}
