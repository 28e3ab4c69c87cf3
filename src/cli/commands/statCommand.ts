import type { Command } from 'commander';
import type { ObjectInfo } from '../../models/models';
import { CliContext, type CliIO } from '../CliContext';
import { formatBytes } from '../output/formatBytes';
import { runObservable } from '../output/runObservable';
import { type LakeFSUri, formatLakeFSUri, uriArgument } from '../uri/LakeFSUri';

/**
 * `lakefs-rx stat lakefs://repo/ref/path`: an object's path, size, checksum, content type, time and metadata.
 * @param parent - the program (or `fs`) to add the command to
 * @param io - where the command writes
 */
export function registerStatCommand(parent: Command, io: CliIO): void {
  parent
    .command('stat')
    .description("show an object's size, checksum, content type, modification time and metadata")
    .argument('<uri>', 'lakefs://<repository>/<ref>/<path>', uriArgument('object'))
    .action(async (uri: LakeFSUri, _opts: unknown, command: Command) => {
      const cli = CliContext.of(io, command);
      const stat = cli
        .client()
        .repository(uri.repository)
        .ref(uri.ref as string)
        .object(uri.path as string)
        .stat();
      await runObservable(stat, (info) => cli.print(info, () => formatStat(formatLakeFSUri(uri), info)));
    });
}

function formatStat(uri: string, info: ObjectInfo): string {
  const lines = [
    `Path:          ${uri}`,
    `Size:          ${info.sizeBytes} bytes (${formatBytes(info.sizeBytes)})`,
    `Checksum:      ${info.checksum}`,
    `Modified:      ${info.mtime.toISOString()}`,
    `Content-Type:  ${info.contentType}`,
    `Physical:      ${info.physicalAddress}`,
  ];
  for (const [key, value] of Object.entries(info.metadata)) lines.push(`Metadata:      ${key} = ${value}`);
  return lines.join('\n');
}
