import { createHash } from 'node:crypto';
import { ApiError, badRequest, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, optional, optionalStringMap, requiredQuery, requiredString } from '../http/validate';
import {
  type MultipartUpload,
  multipartUploadsOf,
  newUploadId,
  partAddress,
  removePartFiles,
} from '../multipart/multipartUploads';
import { presignUrl } from '../presign/presignedUrl';
import type { ServerDeps } from '../ServerDeps';
import { assertWritable, findBranch } from '../store/branchStore';
import { makeEntry } from '../store/makeEntry';
import { validPath } from '../store/names';
import { nowSeconds } from '../store/ServerState';
import { objectStatsJson } from './wireJson';

const MAX_PARTS = 10_000;
const base = '/repositories/:repository/branches/:branch/staging/pmpu';

/**
 * The presigned multipart upload API (experimental in lakeFS), served when presign is enabled: part URLs
 * are presigned PUTs into the store's data area, completion concatenates the parts (checking each part's
 * ETag) into the object's address and stages it.
 */
export function registerMultipartRoutes(router: Router, { state, settings }: ServerDeps): void {
  const uploads = multipartUploadsOf(state);
  const enabled = (): void => {
    if (!settings.presign)
      throw new ApiError(501, 'presigned multipart upload: not supported by this blockstore');
  };
  const partNumber = (raw: string | undefined): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PARTS) throw badRequest(`invalid part number ${raw ?? ''}`);
    return n;
  };
  const partUrl = (ctx: RequestContext, upload: MultipartUpload, n: number): string => {
    upload.issuedParts.add(n);
    return presignUrl(settings, settings.baseUrl, {
      method: 'PUT',
      address: partAddress(upload.physicalAddress, n),
    }).url;
  };
  const findUpload = (ctx: RequestContext, path: string): MultipartUpload => {
    const upload = uploads.get(ctx.params.uploadId ?? '');
    if (
      !upload ||
      upload.repositoryId !== ctx.params.repository ||
      upload.branchId !== ctx.params.branch ||
      upload.path !== path
    )
      throw notFound('upload not found');
    return upload;
  };

  router.on('POST', base, (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const partsRaw = ctx.query.get('parts');
    const parts = partsRaw === null || partsRaw === '' ? 0 : Number(partsRaw);
    if (!Number.isInteger(parts) || parts < 0 || parts > MAX_PARTS) throw badRequest('invalid parts');
    ctx.user();
    enabled();
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, false);
    const upload: MultipartUpload = {
      id: newUploadId(),
      repositoryId: repo.id,
      branchId: branch.id,
      path,
      physicalAddress: state.blockstore.newAddress(repo.storageNamespace),
      issuedParts: new Set(),
    };
    uploads.set(upload.id, upload);
    sendJson(ctx.res, 201, {
      upload_id: upload.id,
      physical_address: upload.physicalAddress,
      ...(parts > 0
        ? { presigned_urls: Array.from({ length: parts }, (_, i) => partUrl(ctx, upload, i + 1)) }
        : {}),
    });
  });

  router.on('PUT', `${base}/:uploadId/parts/:partNumber`, async (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const body = objectBody(await readJson(ctx.req));
    const address = requiredString(body, 'physical_address');
    ctx.user();
    enabled();
    const upload = findUpload(ctx, path);
    if (address !== upload.physicalAddress) throw badRequest('physical address does not match the upload');
    sendJson(ctx.res, 200, { presigned_url: partUrl(ctx, upload, partNumber(ctx.params.partNumber)) });
  });

  router.on('PUT', `${base}/:uploadId`, async (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const body = objectBody(await readJson(ctx.req));
    const address = requiredString(body, 'physical_address');
    const rawParts = body.parts;
    if (!Array.isArray(rawParts) || rawParts.length === 0)
      throw badRequest('request body has an error: doesn\'t match schema: property "parts" is missing');
    const parts = rawParts.map((p: unknown) => {
      const o = objectBody(p);
      const etag = requiredString(o, 'etag').replace(/^[\s"]+|[\s"]+$/g, '');
      return { n: partNumber(String(o.part_number)), etag };
    });
    for (let i = 1; i < parts.length; i++)
      if ((parts[i]?.n ?? 0) <= (parts[i - 1]?.n ?? 0))
        throw badRequest('InvalidPartOrder: parts must be in ascending order');
    const metadata = optionalStringMap(body, 'user_metadata') ?? {};
    const contentType = optional(body, 'content_type', 'string') || 'application/octet-stream';
    ctx.user();
    enabled();
    const upload = findUpload(ctx, path);
    if (address !== upload.physicalAddress) throw badRequest('physical address does not match the upload');
    const repo = state.repository(upload.repositoryId);
    assertWritable(repo, false);
    const blockstore = state.blockstore;
    // streams the parts in order into the object's address, checking each part's ETag (its MD5) on the way
    async function* concatenated(): AsyncGenerator<Uint8Array> {
      for (const part of parts) {
        const md5 = createHash('md5');
        const data = await blockstore.open(partAddress(upload.physicalAddress, part.n)).catch(() => {
          throw badRequest(`InvalidPart: part ${part.n} was not uploaded`);
        });
        for await (const chunk of data as AsyncIterable<Uint8Array>) {
          md5.update(chunk);
          yield chunk;
        }
        if (md5.digest('hex') !== part.etag)
          throw badRequest(`InvalidPart: part ${part.n} does not match its ETag`);
      }
    }
    const blob = await blockstore.writeAt(upload.physicalAddress, concatenated());
    uploads.delete(upload.id);
    await removePartFiles(blockstore, upload);
    const branch = findBranch(state.repository(upload.repositoryId), upload.branchId);
    const entry = makeEntry({
      physicalAddress: blob.address,
      checksum: blob.checksum,
      sizeBytes: blob.sizeBytes,
      mtime: nowSeconds(),
      contentType,
      metadata,
    });
    branch.staging.set(path, entry);
    sendJson(ctx.res, 200, objectStatsJson(path, entry, 'always'));
  });

  router.on('DELETE', `${base}/:uploadId`, async (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const body = objectBody(await readJson(ctx.req));
    requiredString(body, 'physical_address');
    ctx.user();
    enabled();
    const upload = findUpload(ctx, path);
    uploads.delete(upload.id);
    await removePartFiles(state.blockstore, upload);
    sendEmpty(ctx.res, 204);
  });
}
