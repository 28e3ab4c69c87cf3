import type { Command } from 'commander';
import { concatWith, defer, from, ignoreElements, tap } from 'rxjs';
import { CliContext, type CliIO } from '../CliContext';
import { streamSink } from '../files/streamSink';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx cat lakefs://repo/ref/path`: writes an object's bytes to stdout as they arrive.
 * @param parent - the program (or `fs`) to add the command to
 * @param io - where the command writes
 */
export function registerCatCommand(parent: Command, io: CliIO): void {
  parent
    .command('cat')
    .description("write an object's content to stdout")
    .argument('<uri>', 'lakefs://<repository>/<ref>/<path>', uriArgument('object'))
    .action(async (uri: LakeFSUri, _opts: unknown, command: Command) => {
      const cli = CliContext.of(io, command);
      const object = cli
        .client()
        .repository(uri.repository)
        .ref(uri.ref as string)
        .object(uri.path as string);
      const sink = streamSink(io.stdout);
      await runObservable(
        object.read().pipe(
          tap((chunk) => sink.write(chunk)),
          ignoreElements(),
          concatWith(defer(() => from(sink.finish()))),
        ),
      );
    });
}
