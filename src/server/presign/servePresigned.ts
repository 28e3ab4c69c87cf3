import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ByteRange } from '../blockstore/Blockstore';
import { ApiError } from '../http/ApiError';
import { checkRangeSyntax, parseRange } from '../routes/parseRange';
import { partUploadState } from '../multipart/multipartUploads';
import type { ServerDeps } from '../ServerDeps';
import { type PresignGrant, verifyPresignedUrl } from './presignedUrl';
import { S3Error, sendS3Error } from './S3Error';

type GetGrant = Extract<PresignGrant, { method: 'GET' }>;

/** Blockstore failures in S3's words. */
function asS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof ApiError) {
    if (error.status === 410 || error.status === 404)
      return new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    if (error.status === 403) return new S3Error(403, 'AccessDenied', 'Access Denied');
    if (error.status === 400) return new S3Error(400, 'InvalidRequest', error.message);
  }
  return new S3Error(500, 'InternalError', error instanceof Error ? error.message : String(error));
}

/** A `Range` header as S3 reads it: a malformed one is ignored (the whole object is sent). */
function requestedRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  try {
    checkRangeSyntax(header);
  } catch {
    return undefined;
  }
  const range = parseRange(header, size);
  if (range.kind === 'unsatisfiable')
    throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
  return range.kind === 'range' ? range.range : undefined;
}

async function serveRead(
  req: IncomingMessage,
  res: ServerResponse,
  grant: GetGrant,
  { state }: ServerDeps,
): Promise<void> {
  let range: ByteRange | undefined;
  try {
    range = requestedRange(req.headers.range, grant.sizeBytes);
  } catch (error) {
    res.setHeader('content-range', `bytes */${grant.sizeBytes}`);
    throw error;
  }
  const headers: Record<string, string | number> = {
    etag: `"${grant.checksum}"`,
    'last-modified': new Date(grant.mtime * 1000).toUTCString(),
    'content-type': grant.contentType || 'application/octet-stream',
    'accept-ranges': 'bytes',
    'content-length': range ? range.end - range.start + 1 : grant.sizeBytes,
    ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${grant.sizeBytes}` } : {}),
  };
  const status = range ? 206 : 200;
  if (req.method === 'HEAD') {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  // opened before the headers go out, so that missing data is still a proper error answer
  const body = await state.blockstore.open(grant.address, range);
  res.writeHead(status, headers);
  try {
    await pipeline(body, res);
  } catch {
    // the client went away (or the data vanished) mid-stream: nothing left to answer
    res.destroy();
  }
}

async function serveWrite(
  req: IncomingMessage,
  res: ServerResponse,
  address: string,
  deps: ServerDeps,
): Promise<void> {
  const noSuchUpload = (): S3Error =>
    new S3Error(
      404,
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    );
  if (partUploadState(deps.state, address) === 'closed') throw noSuchUpload();
  const blob = await deps.state.blockstore.writeAt(address, req);
  // the upload may have ended while this part streamed in: its part files were deleted then, so this one goes too
  if (partUploadState(deps.state, address) === 'closed') {
    await deps.state.blockstore.remove(address);
    throw noSuchUpload();
  }
  // like S3: the ETag of a single PUT is the quoted MD5, which the client may link as the checksum
  res.writeHead(200, { etag: `"${blob.checksum}"`, 'content-length': 0 });
  res.end();
}

/**
 * Serves a URL the server presigned (`/_presigned/…`): `GET`/`HEAD` read the object's data with `Range`
 * support (206, 416), `PUT` streams the body into the staging address. The signature is the only
 * authentication; refusals are S3-style XML (403 for a bad signature or an expired URL). Never throws.
 * @param req - the request
 * @param res - its response
 * @param url - the parsed request URL
 * @param deps - server state and settings
 */
export async function servePresigned(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ServerDeps,
): Promise<void> {
  try {
    const method = req.method ?? 'GET';
    if (!deps.settings.presign) throw new S3Error(404, 'NotFound', 'presigned URLs are disabled');
    if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT')
      throw new S3Error(
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
      );
    const grant = verifyPresignedUrl(deps.settings.signingSecret, url, method);
    if (grant.method === 'PUT') await serveWrite(req, res, grant.address, deps);
    else await serveRead(req, res, grant, deps);
  } catch (error) {
    if (!req.complete) req.resume();
    sendS3Error(req, res, asS3Error(error));
  }
}
