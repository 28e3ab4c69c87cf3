import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import type { Command } from 'commander';
import {
  type Observable,
  concat,
  concatWith,
  defer,
  from,
  ignoreElements,
  map,
  mergeMap,
  of,
  scan,
  tap,
} from 'rxjs';
import type { ObjectInfo } from '../../models/models';
import { downloadToFile } from '../../node/downloadToFile';
import type { Reference } from '../../resources/Reference';
import type { StoredObject } from '../../resources/StoredObject';
import { CliContext, type CliIO } from '../CliContext';
import { parseCount } from '../args/parseCount';
import { streamSink } from '../files/streamSink';
import { formatBytes } from '../output/formatBytes';
import { UsageError } from '../output/formatError';
import { runObservable } from '../output/runObservable';
import { formatDuration } from '../progress/ProgressDisplay';
import { withProgress } from '../progress/withProgress';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';

interface DownloadCommandOptions {
  readonly recursive?: boolean;
  readonly verbose?: boolean;
  readonly parallelism: number;
}

/** Progress of one download; `done` once its bytes are in place. */
interface Tick {
  readonly path: string;
  readonly loaded: number;
  readonly done: boolean;
  /** The object's size, when the response said. */
  readonly total?: number;
}

/** One object to fetch and where it goes (`-` for stdout). */
interface PlannedDownload {
  readonly path: string;
  readonly target: string;
  readonly size?: number;
}

/**
 * `lakefs-rx download lakefs://repo/ref/path [destination]`: streams an object to a file (default: its
 * name in the current directory), to stdout (`-`), or with `--recursive` every object under a prefix into a
 * directory, with a live progress bar.
 * @param parent - the program (or `fs`) to add the command to
 * @param io - where the command writes
 */
export function registerDownloadCommand(parent: Command, io: CliIO): void {
  parent
    .command('download')
    .description('download an object (or every object under a prefix with --recursive)')
    .argument('<source>', 'lakefs://<repository>/<ref>/<path or prefix/>', uriArgument('object'))
    .argument('[destination]', 'file, directory, or - for stdout (default: the current directory)')
    .option('-r, --recursive', 'download every object under the prefix into a directory')
    .option('-p, --parallelism <n>', 'concurrent downloads with --recursive', parseCount, 4)
    .option('-v, --verbose', 'print one line per downloaded file (always with --json)')
    .action(
      async (
        source: LakeFSUri,
        destination: string | undefined,
        opts: DownloadCommandOptions,
        command: Command,
      ) => {
        const cli = CliContext.of(io, command);
        const started = Date.now();
        const ref = cli
          .client()
          .repository(source.repository)
          .ref(source.ref as string);
        const intoStdout = destination === '-';
        if (intoStdout && opts.recursive) throw new UsageError('cannot download --recursive to stdout');
        const planned = opts.recursive
          ? await planPrefix(ref, source.path as string, destination ?? '.')
          : [await planObject(source.path as string, destination)];
        const total = planned.reduce<number | undefined>(
          (sum, p) => (sum === undefined || p.size === undefined ? undefined : sum + p.size),
          0,
        );
        const label = planned.length === 1 ? formatLakeFSUri(source) : `${planned.length} objects`;
        const display = cli.progress(`download ${label}`, 'bytes');

        const downloadOne = (item: PlannedDownload): Observable<Tick> =>
          item.target === '-' ? toStdout(ref.object(item.path), io) : toFile(ref.object(item.path), item);

        let downloaded = 0;
        const downloads = from(planned).pipe(
          mergeMap(downloadOne, opts.parallelism),
          scan(
            (acc, tick) => {
              if (!tick.done) acc.loaded.set(tick.path, tick.loaded);
              const reported = tick.total ?? acc.reported;
              const done = acc.done + (tick.done ? 1 : 0);
              return { ...acc, reported, done, finished: tick.done ? tick.path : undefined };
            },
            {
              done: 0,
              loaded: new Map<string, number>(),
              finished: undefined as string | undefined,
              reported: undefined as number | undefined,
            },
          ),
          withProgress(display, (acc) => {
            // A single download learns its size from the response; a recursive one knows it from the listing.
            const known = total ?? (planned.length === 1 ? acc.reported : undefined);
            return {
              loaded: sumOf(acc.loaded.values()),
              ...(known !== undefined ? { total: known } : {}),
              ...(planned.length > 1 ? { files: { done: acc.done, total: planned.length } } : {}),
            };
          }),
          tap((acc) => {
            const item =
              acc.finished === undefined ? undefined : planned.find((p) => p.path === acc.finished);
            if (!item || item.target === '-') return;
            const bytes = acc.loaded.get(item.path) ?? 0;
            downloaded += bytes;
            // one line per file for a single download, with --verbose or with --json; else the summary below
            if (planned.length > 1 && !opts.verbose && !cli.json) return;
            const uri = formatLakeFSUri({ ...source, path: item.path });
            cli.print(
              { uri, file: item.target, sizeBytes: bytes },
              () => `downloaded ${uri} to ${item.target} (${formatBytes(bytes)})`,
            );
          }),
        );
        await runObservable(downloads);
        if (planned.length > 1)
          cli.say(
            `downloaded ${planned.length} objects (${formatBytes(downloaded)}) from ${formatLakeFSUri(source)} ` +
              `to ${destination ?? '.'} in ${formatDuration((Date.now() - started) / 1000)}`,
          );
      },
    );
}

/** Streams an object to stdout, reporting progress; bytes go out in the order they arrive. */
function toStdout(object: StoredObject, io: CliIO): Observable<Tick> {
  return defer(() => {
    const sink = streamSink(io.stdout);
    return object.read({ reportProgress: true }).pipe(
      tap((event) => {
        if (event.type === 'progress') sink.write(event.chunk);
      }),
      map((event): Tick => ({
        path: object.path,
        loaded: event.loaded,
        done: false,
        ...(event.type === 'progress' && event.total !== undefined ? { total: event.total } : {}),
      })),
      concatWith(
        defer(() =>
          from(sink.finish()).pipe(map((): Tick => ({ path: object.path, loaded: -1, done: true }))),
        ),
      ),
    );
  });
}

/**
 * Downloads an object into a file with the node entry's `downloadToFile`, which reads only as fast as the
 * disk writes and removes the file on failure. A size not known from a listing is asked for first, so that
 * the bar can show a percentage.
 */
function toFile(object: StoredObject, item: PlannedDownload): Observable<Tick> {
  const size$ = item.size !== undefined ? of(item.size) : object.stat().pipe(map((info) => info.sizeBytes));
  return size$.pipe(
    mergeMap((total) =>
      concat(
        of<Tick>({ path: item.path, loaded: 0, done: false, total }),
        defer(() => from(mkdir(dirname(item.target), { recursive: true }))).pipe(ignoreElements()),
        downloadToFile(object, item.target, { reportProgress: true }).pipe(
          map((event): Tick => ({
            path: item.path,
            loaded: event.loaded,
            done: event.type === 'done',
            total,
          })),
        ),
      ),
    ),
  );
}

async function planObject(path: string, destination: string | undefined): Promise<PlannedDownload> {
  if (path.endsWith('/')) throw new UsageError(`${path} is a prefix (use --recursive)`);
  if (destination === '-') return { path, target: '-' };
  const name = basename(path);
  if (destination === undefined) return { path, target: name };
  const existing = await stat(destination).catch(() => undefined);
  const intoDirectory =
    existing?.isDirectory() === true || destination.endsWith('/') || destination.endsWith(sep);
  return { path, target: intoDirectory ? join(destination, name) : destination };
}

async function planPrefix(ref: Reference, prefix: string, directory: string): Promise<PlannedDownload[]> {
  const planned: PlannedDownload[] = [];
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  await runObservable(
    ref.objects({ prefix: base }),
    (row: ObjectInfo | { type: 'common_prefix'; path: string }) => {
      if (row.type !== 'object') return;
      const relative = row.path.slice(base.length);
      planned.push({ path: row.path, target: join(directory, ...relative.split('/')), size: row.sizeBytes });
    },
  );
  if (planned.length === 0) throw new UsageError(`no objects under ${base}`);
  return planned;
}

function sumOf(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
