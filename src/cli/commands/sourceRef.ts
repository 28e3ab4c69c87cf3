import { UsageError } from '../output/formatError';
import { type LakeFSUri, parseLakeFSUri } from '../uri/LakeFSUri';

/**
 * A ref argument given either bare (`main`, `v1`, a commit id) or as a lakefs:// URI of the same repository.
 * @param source - what the user typed
 * @param repository - the repository the command works in
 * @param what - the argument's name, for messages
 * @returns the ref expression
 * @throws UsageError when the URI is malformed or names another repository
 */
export function sourceRef(source: string, repository: string, what: string): string {
  if (!source.startsWith('lakefs://')) return source;
  let parsed: LakeFSUri;
  try {
    parsed = parseLakeFSUri(source, 'ref');
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
  if (parsed.repository !== repository)
    throw new UsageError(`${what} ${source} is not in repository ${repository}`);
  return parsed.ref as string;
}
