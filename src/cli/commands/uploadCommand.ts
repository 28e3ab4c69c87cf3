import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { type Observable, from, map, mergeMap, scan, tap } from 'rxjs';
import type { ObjectInfo } from '../../models/models';
import { uploadFromFile } from '../../node/uploadFromFile';
import { uploadFromReadable } from '../../node/uploadFromReadable';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { parseMetadata } from '../args/parseMetadata';
import { type FoundFile, walkFiles } from '../files/walkFiles';
import { formatBytes } from '../output/formatBytes';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { formatDuration } from '../progress/ProgressDisplay';
import { withProgress } from '../progress/withProgress';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';

interface UploadCommandOptions {
  readonly source?: string;
  readonly recursive?: boolean;
  readonly verbose?: boolean;
  readonly parallelism: number;
  readonly contentType?: string;
  readonly meta?: Record<string, string>;
}

/** One upload's progress, keyed so that concurrent uploads can be summed. */
interface Tick {
  readonly key: string;
  readonly loaded: number;
  readonly object?: ObjectInfo;
}

/**
 * `lakefs-rx upload <file|dir|-> lakefs://repo/branch/path`: streams a file (or stdin, or with
 * `--recursive` every file of a directory, `--parallelism` at a time) to a branch, with a live progress bar.
 * A destination ending in `/` receives the file under its own name.
 * @param parent - the program (or `fs`) to add the command to
 * @param io - where the command writes
 * @param shape - `sourceOption`: lakectl's `fs upload <destination> -s <source>` instead of two arguments
 */
export function registerUploadCommand(
  parent: Command,
  io: CliIO,
  shape: { readonly sourceOption?: boolean } = {},
): void {
  const command = parent
    .command('upload')
    .description('upload a file, a directory (--recursive) or stdin (-) to a branch');
  if (shape.sourceOption)
    command
      .argument('<destination>', 'lakefs://<repository>/<branch>/<path or prefix/>', uriArgument('ref'))
      .requiredOption('-s, --source <path>', 'local file, directory, or - for stdin');
  else
    command
      .argument('<source>', 'local file, directory, or - for stdin')
      .argument('<destination>', 'lakefs://<repository>/<branch>/<path or prefix/>', uriArgument('ref'));
  command
    .option('-r, --recursive', 'upload every file under a directory, keeping relative paths')
    .option('-v, --verbose', 'print one line per uploaded file (always with --json)')
    .option('-p, --parallelism <n>', 'concurrent uploads with --recursive', parseCount, 4)
    .option('--content-type <type>', 'content type of the object(s)')
    .option('--meta <key=value>', 'user metadata (repeatable)', parseMetadata)
    .action(async (...args: unknown[]) => {
      const [source, destination, opts, command] = shape.sourceOption
        ? [
            (args[1] as UploadCommandOptions).source as string,
            ...(args as [LakeFSUri, UploadCommandOptions, Command]),
          ]
        : (args as [string, LakeFSUri, UploadCommandOptions, Command]);
      const cli = CliContext.of(io, command);
      const started = Date.now();
      const branch = cli
        .client()
        .repository(destination.repository)
        .branch(destination.ref as string);
      const prefix = destination.path ?? '';
      const files = await plan(source, prefix, opts.recursive === true);
      if (files.length === 0) throw new UsageError(`nothing to upload under ${source}`);
      const total = files.reduce<number | undefined>(
        (sum, file) => (sum === undefined || file.size === undefined ? undefined : sum + file.size),
        0,
      );
      const label =
        files.length === 1
          ? formatLakeFSUri({ ...destination, path: files[0]?.key })
          : `${files.length} files`;
      const display = cli.progress(`upload ${label}`, 'bytes');

      const uploadOne = (file: PlannedFile): Observable<Tick> => {
        const object = branch.object(file.key);
        const options = {
          reportProgress: true as const,
          ...(opts.contentType ? { contentType: opts.contentType } : {}),
          ...(opts.meta ? { metadata: opts.meta } : {}),
        };
        const events =
          file.source === '-'
            ? uploadFromReadable(object, process.stdin, options)
            : uploadFromFile(object, file.source, options);
        return events.pipe(
          map((event): Tick =>
            event.type === 'done'
              ? { key: file.key, loaded: event.object.sizeBytes, object: event.object }
              : { key: file.key, loaded: event.loaded },
          ),
        );
      };

      let uploaded = 0;
      const uploads = from(files).pipe(
        mergeMap(uploadOne, opts.parallelism),
        scan(
          (acc, tick) => {
            acc.loadedByKey.set(tick.key, tick.loaded);
            return { ...acc, last: tick, done: acc.done + (tick.object ? 1 : 0) };
          },
          { loadedByKey: new Map<string, number>(), last: undefined as Tick | undefined, done: 0 },
        ),
        withProgress(display, (acc) => ({
          loaded: sum(acc.loadedByKey.values()),
          ...(total !== undefined ? { total } : {}),
          ...(files.length > 1 ? { files: { done: acc.done, total: files.length } } : {}),
        })),
        map((acc) => acc.last),
        tap((tick) => {
          if (!tick?.object) return;
          const object = tick.object;
          uploaded += object.sizeBytes;
          // one line per file for a single upload, with --verbose or with --json; else the summary below
          if (files.length > 1 && !opts.verbose && !cli.json) return;
          const uri = formatLakeFSUri({ ...destination, path: object.path });
          cli.print(
            { uri, ...object },
            () => `uploaded ${uri} (${formatBytes(object.sizeBytes)}, ${object.checksum})`,
          );
        }),
      );
      await runObservable(uploads);
      if (files.length > 1)
        cli.say(
          `uploaded ${files.length} files (${formatBytes(uploaded)}) to ${formatLakeFSUri(destination)} ` +
            `in ${formatDuration((Date.now() - started) / 1000)}`,
        );
    });
}

/** A file to send and the object path it goes to. */
interface PlannedFile {
  readonly source: string;
  readonly key: string;
  readonly size?: number;
}

async function plan(source: string, prefix: string, recursive: boolean): Promise<PlannedFile[]> {
  if (source === '-') {
    if (prefix === '' || prefix.endsWith('/'))
      throw new UsageError('uploading stdin needs a full object path');
    return [{ source, key: prefix }];
  }
  const info = await stat(source).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${source}: ${error.code ?? error.message}`);
  });
  if (info.isDirectory()) {
    if (!recursive) throw new UsageError(`${source} is a directory (use --recursive)`);
    const base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    const planned: PlannedFile[] = [];
    for await (const file of walkFiles(source)) planned.push(await sized(file, base));
    return planned;
  }
  const key = prefix === '' || prefix.endsWith('/') ? `${prefix}${basename(source)}` : prefix;
  return [{ source, key, size: info.size }];
}

async function sized(file: FoundFile, base: string): Promise<PlannedFile> {
  return { source: file.path, key: `${base}${file.key}`, size: (await stat(file.path)).size };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
