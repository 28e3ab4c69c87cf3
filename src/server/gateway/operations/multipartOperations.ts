import { createHash } from 'node:crypto';
import type { ByteRange } from '../../blockstore/Blockstore';
import { nowSeconds } from '../../store/ServerState';
import type { BucketRequest, ObjectRequest } from '../GatewayRequest';
import { quotedEtag, s3Key, s3Timestamp } from '../GatewayRequest';
import type { MultipartUpload, UploadedPart } from '../multipart/MultipartUploads';
import { amzMetadata } from '../objectMetadata';
import { s3Error } from '../s3Errors';
import type { GatewayStore } from '../storeAdapter';
import { readXmlBody, sendXml } from '../xml';
import { copySource } from './copyObject';
import { createOnly } from './putObject';

const MAX_PART_NUMBER = 10000;
const MAX_COMPLETE_BODY = 4 * 1024 * 1024;
const MAX_LISTED = 1000;

function upload(request: ObjectRequest): MultipartUpload {
  const found = request.uploads.find(request.query.get('uploadId') ?? '', request.repo.id, request.path);
  if (!found) throw s3Error('NoSuchUpload');
  return found;
}

/**
 * CreateMultipartUpload (`POST …?uploads`) on a branch: remembers the content type and metadata for the
 * object the upload will become.
 * @param request - the request on the object
 */
export function createMultipartUpload(request: ObjectRequest): void {
  const { req, res, store, repo, ref, path, uploads } = request;
  store.writableBranch(repo, ref);
  const created = uploads.create({
    repository: repo.id,
    branch: ref,
    path,
    initiated: nowSeconds(),
    contentType: req.headers['content-type'] || 'application/octet-stream',
    metadata: amzMetadata(req),
  });
  sendXml(res, 'InitiateMultipartUploadResult', {
    Bucket: repo.id,
    Key: s3Key(ref, path),
    UploadId: created.uploadId,
  });
}

function partNumber(query: URLSearchParams): number {
  const text = query.get('partNumber') ?? '';
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_PART_NUMBER))
    throw s3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  return n;
}

/** The byte range of `x-amz-copy-source-range: bytes=a-b` (both ends required, inside the object). */
function copyRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (!m || start > end || end >= size) throw s3Error('InvalidRange');
  return { start, end };
}

/**
 * Records a part; the one it replaces (the same number uploaded again) is freed. When the upload ended
 * while the part streamed in, the part is freed and the answer is `NoSuchUpload`.
 */
async function replacePart(
  request: ObjectRequest,
  target: MultipartUpload,
  part: UploadedPart,
): Promise<void> {
  const store = request.store;
  if (!request.uploads.find(target.uploadId, target.repository, target.path)) {
    await store.discard([part.blob]);
    throw s3Error('NoSuchUpload');
  }
  const earlier = target.parts.get(part.partNumber);
  target.parts.set(part.partNumber, part);
  if (earlier) await store.discard([earlier.blob]);
}

/**
 * UploadPart (`PUT …?partNumber&uploadId`), streamed to the blockstore; with `x-amz-copy-source` it is
 * UploadPartCopy (optionally `x-amz-copy-source-range`). A part uploaded again replaces the earlier one.
 * @param request - the request on the object
 */
export async function uploadPart(request: ObjectRequest): Promise<void> {
  const { req, res, store, repo, caller } = request;
  const number = partNumber(request.query);
  const target = upload(request);
  const sourceHeader = req.headers['x-amz-copy-source'];
  if (typeof sourceHeader === 'string' && sourceHeader) {
    const source = copySource(store, sourceHeader);
    const range = copyRange(
      req.headers['x-amz-copy-source-range'] as string | undefined,
      source.entry.sizeBytes,
    );
    const blob = await store.write(repo, await store.open(source.entry.physicalAddress, range));
    const part: UploadedPart = { partNumber: number, blob, lastModified: nowSeconds() };
    await replacePart(request, target, part);
    sendXml(res, 'CopyPartResult', {
      LastModified: s3Timestamp(part.lastModified),
      ETag: quotedEtag(blob.checksum),
    });
    return;
  }
  const blob = await store.write(repo, caller.body);
  await replacePart(request, target, { partNumber: number, blob, lastModified: nowSeconds() });
  res.writeHead(200, { etag: quotedEtag(blob.checksum), 'content-length': 0 });
  res.end();
}

async function* concatenated(
  store: GatewayStore,
  parts: readonly UploadedPart[],
): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield* await store.open(part.blob.address);
}

function requestedParts(doc: Record<string, unknown>, target: MultipartUpload): UploadedPart[] {
  const list = (doc.CompleteMultipartUpload as Record<string, unknown> | undefined)?.Part;
  if (!Array.isArray(list) || list.length === 0) throw s3Error('MalformedXML');
  const parts: UploadedPart[] = [];
  for (const item of list as Record<string, unknown>[]) {
    const number = Number(item?.PartNumber);
    const etag = (typeof item?.ETag === 'string' ? item.ETag : '').replace(/^"|"$/g, '');
    const previous = parts[parts.length - 1];
    if (previous && number <= previous.partNumber) throw s3Error('InvalidPartOrder');
    const part = target.parts.get(number);
    if (!part || (etag && etag !== part.blob.checksum)) throw s3Error('InvalidPart');
    parts.push(part);
  }
  return parts;
}

/**
 * CompleteMultipartUpload (`POST …?uploadId`): concatenates the listed parts (streamed, one at a time)
 * into one blob and stages it; the ETag is S3's `md5(part md5s)-N`, whose digest part becomes the entry's
 * checksum as in lakeFS.
 * @param request - the request on the object
 */
export async function completeMultipartUpload(request: ObjectRequest): Promise<void> {
  const { req, res, store, repo, ref, path, uploads, caller } = request;
  store.writableBranch(repo, ref);
  const target = upload(request);
  const ifAbsent = createOnly(request);
  const parts = requestedParts(await readXmlBody(caller.body, MAX_COMPLETE_BODY), target);
  if (ifAbsent && store.lookup(repo, ref, path)) throw s3Error('PreconditionFailed');
  const digest = createHash('md5');
  for (const part of parts) digest.update(Buffer.from(part.blob.checksum, 'hex'));
  const checksum = digest.digest('hex');
  const blob = await store.write(repo, concatenated(store, parts));
  if (ifAbsent && store.lookup(repo, ref, path)) throw s3Error('PreconditionFailed');
  store.stage(repo, target.branch, path, {
    blob,
    checksum,
    contentType: target.contentType,
    metadata: target.metadata,
  });
  uploads.remove(target.uploadId);
  // the parts were copied into the object; unlisted ones are dropped, as S3 does
  await store.discard([...target.parts.values()].map((p) => p.blob));
  const host = req.headers.host ?? 'localhost';
  sendXml(res, 'CompleteMultipartUploadResult', {
    Location: `http://${host}/${repo.id}/${ref}/${path}`,
    Bucket: repo.id,
    Key: s3Key(ref, path),
    ETag: quotedEtag(`${checksum}-${parts.length}`),
  });
}

/**
 * AbortMultipartUpload (`DELETE …?uploadId`); an unknown upload is `NoSuchKey`, as lakeFS answers.
 * @param request - the request on the object
 */
export async function abortMultipartUpload(request: ObjectRequest): Promise<void> {
  const found = request.uploads.find(request.query.get('uploadId') ?? '', request.repo.id, request.path);
  if (!found) throw s3Error('NoSuchKey');
  request.uploads.remove(found.uploadId);
  await request.store.discard([...found.parts.values()].map((p) => p.blob));
  request.res.writeHead(204);
  request.res.end();
}

/**
 * ListParts (`GET …?uploadId`), with `max-parts` and `part-number-marker`.
 * @param request - the request on the object
 */
export function listParts(request: ObjectRequest): void {
  const { query, res, repo, ref, path } = request;
  const target = upload(request);
  const marker = Number(query.get('part-number-marker') ?? 0) || 0;
  const maxText = query.get('max-parts');
  const max = maxText && /^\d+$/.test(maxText) ? Math.min(Number(maxText), MAX_LISTED) : MAX_LISTED;
  const all = [...target.parts.values()]
    .filter((p) => p.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, max);
  const truncated = all.length > page.length;
  sendXml(res, 'ListPartsResult', {
    Bucket: repo.id,
    Key: s3Key(ref, path),
    UploadId: target.uploadId,
    PartNumberMarker: marker,
    NextPartNumberMarker: truncated ? page[page.length - 1]?.partNumber : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    Part: page.map((p) => ({
      PartNumber: p.partNumber,
      LastModified: s3Timestamp(p.lastModified),
      ETag: quotedEtag(p.blob.checksum),
      Size: p.blob.sizeBytes,
    })),
  });
}

/**
 * ListMultipartUploads (`GET /<repository>?uploads`); like lakeFS, `prefix`, `delimiter` and
 * `encoding-type` are not implemented.
 * @param request - the request on the bucket
 */
export function listMultipartUploads({ query, res, repo, uploads }: BucketRequest): void {
  if (query.get('prefix') || query.get('delimiter') || query.get('encoding-type'))
    throw s3Error('NotImplemented');
  const maxText = query.get('max-uploads');
  if (maxText !== null && !/^\d+$/.test(maxText))
    throw s3Error('InvalidArgument', 'Argument max-uploads must be an integer between 0 and 2147483647');
  const max = maxText === null ? MAX_LISTED : Math.min(Number(maxText), MAX_LISTED);
  const keyMarker = query.get('key-marker') ?? '';
  const idMarker = query.get('upload-id-marker') ?? '';
  const all = uploads
    .inRepository(repo.id)
    .map((u) => ({ u, key: s3Key(u.branch, u.path) }))
    .filter(
      ({ u, key }) =>
        !keyMarker || key > keyMarker || (key === keyMarker && idMarker !== '' && u.uploadId > idMarker),
    );
  const page = all.slice(0, max);
  const last = page[page.length - 1];
  const truncated = all.length > page.length;
  sendXml(res, 'ListMultipartUploadsResult', {
    Bucket: repo.id,
    KeyMarker: keyMarker,
    UploadIdMarker: idMarker,
    NextKeyMarker: truncated ? last?.key : undefined,
    NextUploadIdMarker: truncated ? last?.u.uploadId : undefined,
    MaxUploads: max,
    IsTruncated: truncated,
    Upload: page.map(({ u, key }) => ({
      Key: key,
      UploadId: u.uploadId,
      Initiated: s3Timestamp(u.initiated),
    })),
  });
}
