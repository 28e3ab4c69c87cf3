import type { ObjectRequest } from '../GatewayRequest';
import { quotedEtag } from '../GatewayRequest';
import { amzMetadata } from '../objectMetadata';
import { s3Error } from '../s3Errors';

/** A header's value; empty counts as absent, as lakeFS reads headers (clients do send `If-None-Match: `). */
const present = (value: string | undefined): string | undefined => (value ? value : undefined);

/** `If-None-Match: *` (create only) is honoured; other conditional writes are not implemented, as in lakeFS. */
export function createOnly(request: ObjectRequest): boolean {
  const ifMatch = present(request.req.headers['if-match']);
  const ifNoneMatch = present(request.req.headers['if-none-match']);
  if (ifMatch !== undefined || (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*'))
    throw s3Error('NotImplemented');
  return ifNoneMatch !== undefined;
}

/**
 * PutObject: streams the verified body into the blockstore and stages it on the branch with its
 * `x-amz-meta-*` metadata and content type, exactly as an API upload stages; the ETag is the MD5.
 * @param request - the request on the object (its ref must be a branch)
 */
export async function putObject(request: ObjectRequest): Promise<void> {
  const { req, res, store, repo, ref, path, caller } = request;
  store.writableBranch(repo, ref);
  const ifAbsent = createOnly(request);
  if (ifAbsent && store.lookup(repo, ref, path)) throw s3Error('PreconditionFailed');
  const metadata = amzMetadata(req);
  const blob = await store.write(repo, caller.body);
  if (ifAbsent && store.lookup(repo, ref, path)) throw s3Error('PreconditionFailed');
  store.stage(repo, ref, path, {
    blob,
    contentType: req.headers['content-type'] || 'application/octet-stream',
    metadata,
  });
  res.writeHead(200, { etag: quotedEtag(blob.checksum), 'content-length': 0 });
  res.end();
}
