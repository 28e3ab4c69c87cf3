import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** A regular file found under a directory. */
export interface FoundFile {
  /** Path to open. */
  readonly path: string;
  /** Path relative to the walked directory, with `/` separators (an object key suffix). */
  readonly key: string;
}

/**
 * Every regular file under `root`, depth first in name order, one directory read at a time.
 * @param root - the directory to walk
 * @param options - `skipHidden` skips names starting with `.` (files and whole directories) @default false
 * @returns an async iterable of files
 */
export async function* walkFiles(
  root: string,
  options: { skipHidden?: boolean } = {},
): AsyncGenerator<FoundFile> {
  const entries = await readdir(root, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (options.skipHidden && entry.name.startsWith('.')) continue;
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      for await (const file of walkFiles(path, options)) {
        yield { path: file.path, key: `${entry.name}/${file.key}` };
      }
    } else if (entry.isFile()) {
      yield { path, key: relative(root, path).split(sep).join('/') };
    }
  }
}
