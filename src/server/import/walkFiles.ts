import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** A regular file found by {@link walkFiles}. */
export interface WalkedFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the walked directory, with `/` separators. */
  readonly relative: string;
}

/**
 * Walks a directory depth-first in lexical order (the order lakeFS lists keys in), yielding regular files
 * only. Names starting with `.` are skipped, whole directories included, as lakeFS's local import does by
 * default; symbolic links are not followed. Holds one directory listing per level, never the whole tree.
 * @param root - absolute directory to walk
 * @returns an async iterable of files
 */
export async function* walkFiles(root: string): AsyncGenerator<WalkedFile> {
  yield* walkDirectory(root, '');
}

async function* walkDirectory(directory: string, relative: string): AsyncGenerator<WalkedFile> {
  const entries: { name: string; isFile: boolean; isDirectory: boolean }[] = [];
  for await (const entry of await opendir(directory)) {
    if (entry.name.startsWith('.')) continue;
    entries.push({ name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory() });
  }
  // Sort as keys sort: a directory `a` holds keys `a/…`, which come after a file `a.txt` ('.' < '/').
  const key = (e: { name: string; isDirectory: boolean }): string => (e.isDirectory ? `${e.name}/` : e.name);
  entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory) yield* walkDirectory(path, rel);
    else if (entry.isFile) yield { path, relative: rel };
  }
}
