import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, normalize, sep } from 'node:path';

/** Why an import source cannot be read; the message becomes the import status's `error`. */
export class ImportSourceError extends Error {}

/** A source checked against the import roots, ready to walk. */
export interface ResolvedSource {
  /** The URI as given. */
  readonly uri: string;
  /** The absolute, symlink-free file system path. */
  readonly path: string;
  readonly isDirectory: boolean;
}

const isInside = (path: string, root: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Resolves a `local:///abs/path` import source. As lakeFS's local adapter, only absolute, clean paths inside
 * an allowed root are readable; anything else — another scheme aside — is `forbidden`. Symlinks are
 * resolved first, so a link out of the roots is refused too.
 * @param uri - the source URI from the request
 * @param roots - absolute directories imports may read
 * @returns the resolved source; throws `ImportSourceError` with lakeFS-like messages
 */
export async function resolveImportSource(uri: string, roots: readonly string[]): Promise<ResolvedSource> {
  if (!uri.startsWith('local://'))
    throw new ImportSourceError(
      `import ${uri}: the local blockstore imports only local:// sources: invalid address`,
    );
  const raw = uri.slice('local://'.length);
  const trimmed = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
  if (!isAbsolute(trimmed) || normalize(trimmed) !== trimmed || trimmed.split('/').includes('..'))
    throw new ImportSourceError(`import ${uri}: path must be absolute and clean: forbidden`);
  const given = roots.map(stripSlash);
  const allowed = await realRoots(given);
  if (![...given, ...allowed].some((root) => isInside(trimmed, root)))
    throw new ImportSourceError(`import ${uri}: not under an allowed import root: forbidden`);
  let real: string;
  try {
    real = await realpath(trimmed);
  } catch {
    throw new ImportSourceError(`import ${uri}: lstat ${trimmed}: no such file or directory`);
  }
  if (!allowed.some((root) => isInside(real, root)))
    throw new ImportSourceError(`import ${uri}: resolves outside the allowed import roots: forbidden`);
  const info = await stat(real);
  return { uri, path: real, isDirectory: info.isDirectory() };
}

const stripSlash = (path: string): string => {
  const clean = normalize(path);
  return clean.length > 1 ? clean.replace(/[/\\]+$/, '') : clean;
};

/** The roots with symlinks resolved (a root that does not exist stays as given). */
async function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map((root) => realpath(root).catch(() => root)));
}
