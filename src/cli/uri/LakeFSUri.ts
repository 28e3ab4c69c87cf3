import { InvalidArgumentError } from 'commander';

const SCHEME = 'lakefs://';

/**
 * A parsed lakectl-style URI: `lakefs://<repository>[/<ref>[/<path>]]`.
 * The path keeps its slashes exactly as written, so a trailing `/` still marks a prefix.
 */
export interface LakeFSUri {
  /** The repository id. */
  readonly repository: string;
  /** The ref expression (branch, tag, commit id, `main~1`…), when the URI has one. */
  readonly ref?: string;
  /** The object path or prefix after the ref, when the URI has one (never empty). */
  readonly path?: string;
}

/** What a command needs from a URI; parsing fails when a required part is missing. */
export type UriShape = 'repository' | 'ref' | 'object';

/**
 * Parses `lakefs://repo/ref/path` the way lakectl does: the first segment is the repository, the second
 * the ref, everything after the second `/` the path (slashes and all).
 * @param text - the URI as typed
 * @param shape - `repository` accepts any URI, `ref` requires a ref, `object` requires a ref and a path
 * @returns the parts
 * @throws InvalidArgumentError (commander's usage error) when the URI is malformed or lacks a required part
 */
export function parseLakeFSUri(text: string, shape: UriShape = 'repository'): LakeFSUri {
  if (!text.startsWith(SCHEME))
    throw new InvalidArgumentError(`${JSON.stringify(text)} is not a lakefs:// URI (lakefs://repo/ref/path)`);
  const rest = text.slice(SCHEME.length);
  const firstSlash = rest.indexOf('/');
  const repository = firstSlash < 0 ? rest : rest.slice(0, firstSlash);
  if (repository === '') throw new InvalidArgumentError(`${JSON.stringify(text)} has no repository`);
  const afterRepo = firstSlash < 0 ? '' : rest.slice(firstSlash + 1);
  const secondSlash = afterRepo.indexOf('/');
  const ref = secondSlash < 0 ? afterRepo : afterRepo.slice(0, secondSlash);
  const path = secondSlash < 0 ? '' : afterRepo.slice(secondSlash + 1);
  if (shape !== 'repository' && ref === '')
    throw new InvalidArgumentError(`${JSON.stringify(text)} needs a ref: lakefs://${repository}/<ref>`);
  if (shape === 'object' && path === '')
    throw new InvalidArgumentError(
      `${JSON.stringify(text)} needs an object path: lakefs://${repository}/${ref}/<path>`,
    );
  return { repository, ...(ref !== '' ? { ref } : {}), ...(path !== '' ? { path } : {}) };
}

/**
 * Formats parts back into a URI.
 * @param uri - the parts; a missing ref drops the path too
 * @returns `lakefs://repo[/ref[/path]]`
 */
export function formatLakeFSUri(uri: LakeFSUri): string {
  if (uri.ref === undefined) return `${SCHEME}${uri.repository}`;
  return `${SCHEME}${uri.repository}/${uri.ref}${uri.path !== undefined ? `/${uri.path}` : ''}`;
}

/**
 * A commander argument parser for URIs of the given shape.
 * @param shape - see {@link parseLakeFSUri}
 * @returns a function commander calls with the raw argument
 */
export function uriArgument(shape: UriShape): (value: string) => LakeFSUri {
  return (value) => parseLakeFSUri(value, shape);
}
