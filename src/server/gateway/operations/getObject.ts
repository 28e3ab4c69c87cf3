import { pipeline } from 'node:stream/promises';
import type { ByteRange } from '../../blockstore/Blockstore';
import { checkRangeSyntax, parseRange } from '../../routes/parseRange';
import type { ObjectRequest } from '../GatewayRequest';
import { quotedEtag } from '../GatewayRequest';
import { writeAmzMetadata } from '../objectMetadata';
import { s3Error } from '../s3Errors';

/** A `Range` header as lakeFS's gateway reads it: a malformed one is ignored (the whole object is sent). */
function requestedRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  try {
    checkRangeSyntax(header);
  } catch {
    return undefined;
  }
  const range = parseRange(header, size);
  if (range.kind === 'unsatisfiable') throw s3Error('InvalidRange');
  return range.kind === 'range' ? range.range : undefined;
}

/**
 * GetObject and HeadObject on any ref (branch with its staging area, commit id, tag), with `Range`;
 * the body streams from the blockstore with backpressure.
 * @param request - the request on the object
 */
export async function getObject({ req, res, store, repo, ref, path }: ObjectRequest): Promise<void> {
  const entry = store.lookup(repo, ref, path);
  if (!entry) throw s3Error('NoSuchKey');
  let range: ByteRange | undefined;
  try {
    range = requestedRange(req.headers.range, entry.sizeBytes);
  } catch (error) {
    res.setHeader('content-range', `bytes */${entry.sizeBytes}`);
    throw error;
  }
  res.setHeader('last-modified', new Date(entry.mtime * 1000).toUTCString());
  res.setHeader('etag', quotedEtag(entry.checksum));
  res.setHeader('content-type', entry.contentType || 'application/octet-stream');
  res.setHeader('accept-ranges', 'bytes');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-security-policy', "default-src 'none'");
  if (range) res.setHeader('content-range', `bytes ${range.start}-${range.end}/${entry.sizeBytes}`);
  res.setHeader('content-length', range ? range.end - range.start + 1 : entry.sizeBytes);
  writeAmzMetadata(res, entry.metadata);
  const status = range ? 206 : 200;
  if (req.method === 'HEAD') {
    res.writeHead(status);
    res.end();
    return;
  }
  // opened before the status goes out, so that missing data is still a proper error answer
  const body = await store.open(entry.physicalAddress, range);
  res.writeHead(status);
  try {
    await pipeline(body, res);
  } catch {
    // the client went away mid-stream: nothing left to answer
    res.destroy();
  }
}
