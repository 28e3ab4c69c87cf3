import type { EntryRecord, RepositoryRecord } from '../../store/types';
import type { ObjectRequest } from '../GatewayRequest';
import { quotedEtag, s3Timestamp } from '../GatewayRequest';
import { amzMetadata } from '../objectMetadata';
import { s3Error } from '../s3Errors';
import type { GatewayStore } from '../storeAdapter';
import { sendXml } from '../xml';

/** The object an `x-amz-copy-source` (`[/]<repository>/<ref>/<path>`, URL-encoded) names. */
export interface CopySource {
  readonly repo: RepositoryRecord;
  readonly entry: EntryRecord;
}

/**
 * The repository, ref and path `x-amz-copy-source` names (percent-decoded, else the raw value as lakeFS
 * falls back to it), or undefined when it names none.
 * @param header - the header's value
 * @returns its parts
 */
export function copySourceParts(header: string): { repoId: string; ref: string; path: string } | undefined {
  let decoded = header;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    // lakeFS falls back to the raw value
  }
  const parts = decoded.replace(/^\/+/, '').split('/');
  if (parts.length < 3 || !parts[0] || !parts[1]) return undefined;
  return { repoId: parts[0], ref: parts[1], path: parts.slice(2).join('/') };
}

/**
 * Resolves `x-amz-copy-source`: `InvalidArgument` when malformed, `NoSuchKey` when the object (or its
 * repository or ref) does not exist.
 * @param store - the store adapter
 * @param header - the header's value
 * @returns the source repository and entry
 */
export function copySource(store: GatewayStore, header: string): CopySource {
  const parts = copySourceParts(header);
  if (!parts) throw s3Error('InvalidArgument');
  const { repoId, ref, path } = parts;
  const repo = store.repositories().find((r) => r.id === repoId);
  const entry = repo && store.lookup(repo, ref, path);
  if (!repo || !entry) throw s3Error('NoSuchKey');
  return { repo, entry };
}

/**
 * CopyObject within a branch, across branches or from any readable ref (also across repositories): the
 * data is copied into the destination's namespace like the API's copy, and the user metadata is copied
 * unless `x-amz-metadata-directive: REPLACE` (the content type is always the source's, as in lakeFS).
 * @param request - the request on the destination object (its ref must be a branch)
 * @param header - the `x-amz-copy-source` value
 */
export async function copyObject(request: ObjectRequest, header: string): Promise<void> {
  const { req, res, store, repo, ref, path } = request;
  store.writableBranch(repo, ref);
  const source = copySource(store, header);
  const replace = String(req.headers['x-amz-metadata-directive'] ?? '').toUpperCase() === 'REPLACE';
  const blob = await store.write(repo, await store.open(source.entry.physicalAddress));
  const staged = store.stage(repo, ref, path, {
    blob,
    checksum: source.entry.checksum,
    // lakeFS keeps the source's content type even when the metadata is replaced
    contentType: source.entry.contentType,
    metadata: replace ? amzMetadata(req) : source.entry.metadata,
  });
  sendXml(res, 'CopyObjectResult', {
    LastModified: s3Timestamp(staged.mtime),
    ETag: quotedEtag(staged.checksum),
  });
}
