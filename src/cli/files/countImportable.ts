import { stat } from 'node:fs/promises';
import { walkFiles } from './walkFiles';

/**
 * How many objects an import from `source` should ingest, when `source` is a `local://` path this machine
 * can read (the CLI and the server usually share it): regular files, skipping dot-named ones as lakeFS
 * does. Any other source, or a path not readable here, gives `undefined` and the bar shows a plain count.
 * @param source - the import source URI, e.g. `local:///data/imports/2024`
 * @param kind - `prefix` counts files below the path, `object` counts the one file
 * @returns the count, or `undefined` when it cannot be known in advance
 */
export async function countImportable(
  source: string,
  kind: 'prefix' | 'object',
): Promise<number | undefined> {
  if (!source.startsWith('local:///')) return undefined;
  const path = source.slice('local://'.length);
  try {
    const info = await stat(path);
    if (kind === 'object') return info.isFile() ? 1 : undefined;
    if (!info.isDirectory()) return undefined;
    let count = 0;
    for await (const _file of walkFiles(path, { skipHidden: true })) count += 1;
    return count;
  } catch {
    return undefined;
  }
}
