import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../http/ApiError';
import { S3Error, sendS3Error } from '../presign/S3Error';
import type { ServerDeps } from '../ServerDeps';
import { authenticateGateway } from './authenticateGateway';
import { gatewayPermissions } from './gatewayPermissions';
import type { BucketRequest, GatewayRequest, ObjectRequest } from './GatewayRequest';
import { MultipartUploads } from './multipart/MultipartUploads';
import { copyObject } from './operations/copyObject';
import { deleteObject, deleteObjects } from './operations/deleteObjects';
import { getObject } from './operations/getObject';
import { listBuckets } from './operations/listBuckets';
import { listObjects } from './operations/listObjects';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './operations/multipartOperations';
import { putObject } from './operations/putObject';
import { s3Error } from './s3Errors';
import { GatewayStore } from './storeAdapter';
import { sendXml } from './xml';

/** Serves one request addressed to the S3 gateway. */
export type GatewayHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw s3Error('InvalidArgument', 'malformed URL encoding');
  }
};

/** `/<repository>/<ref>/<path>` as lakeFS splits a path-style request (the path keeps its slashes). */
function splitTarget(pathname: string): { repository: string; ref?: string; path?: string } {
  const raw = pathname.replace(/^\//, '');
  const first = raw.indexOf('/');
  if (first < 0) return { repository: decode(raw) };
  const second = raw.indexOf('/', first + 1);
  const repository = decode(raw.slice(0, first));
  if (second < 0) return { repository, ref: decode(raw.slice(first + 1)) || undefined };
  return { repository, ref: decode(raw.slice(first + 1, second)), path: decode(raw.slice(second + 1)) };
}

async function onBucket(request: BucketRequest): Promise<void> {
  const { req, query, res } = request;
  switch (req.method) {
    case 'HEAD':
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return;
    case 'GET':
      if (query.has('location')) return sendXml(res, 'LocationConstraint', {});
      if (query.has('versioning')) return sendXml(res, 'VersioningConfiguration', {});
      if (query.has('uploads')) return listMultipartUploads(request);
      return listObjects(request);
    case 'POST':
      if (query.has('delete')) return deleteObjects(request);
      throw s3Error('ERRLakeFSNotSupported');
    case 'PUT':
      // CreateBucket: repositories are created through the API
      throw s3Error('BucketAlreadyExists');
    default:
      throw s3Error('ERRLakeFSNotSupported');
  }
}

async function onObject(request: ObjectRequest): Promise<void> {
  const { req, query } = request;
  const copySourceHeader = req.headers['x-amz-copy-source'];
  switch (req.method) {
    case 'GET':
      if (query.has('uploadId')) return listParts(request);
      return getObject(request);
    case 'HEAD':
      return getObject(request);
    case 'PUT':
      if (query.has('uploadId')) return uploadPart(request);
      if (typeof copySourceHeader === 'string' && copySourceHeader)
        return copyObject(request, copySourceHeader);
      if (query.has('tagging')) throw s3Error('ERRLakeFSNotSupported');
      return putObject(request);
    case 'POST':
      if (request.repo.readOnly) throw s3Error('ErrReadOnlyRepository');
      if (query.has('uploads')) return createMultipartUpload(request);
      if (query.has('uploadId')) return completeMultipartUpload(request);
      throw s3Error('MethodNotAllowed');
    case 'DELETE':
      if (request.repo.readOnly) throw s3Error('ErrReadOnlyRepository');
      if (query.has('uploadId')) return abortMultipartUpload(request);
      return deleteObject(request);
    default:
      throw s3Error('MethodNotAllowed');
  }
}

/**
 * The error for a bucket that is no repository: lakeFS hints at an endpoint that wrongly ends in `/api/v1`
 * (S3 clients then ask for bucket `api`), and answers CreateBucket with `NotImplemented`.
 */
function missingBucket(req: IncomingMessage): S3Error {
  if (req.url?.startsWith('/api/v1')) return s3Error('ErrNoSuchBucketPossibleAPIEndpoint');
  if (req.method === 'PUT' && isBucketPath(req.url ?? '')) return s3Error('NotImplemented');
  return s3Error('NoSuchBucket');
}

const isBucketPath = (rawUrl: string): boolean => {
  const path = rawUrl.split('?')[0] ?? '';
  return /^\/[^/]+\/?$/.test(path);
};

/**
 * Whether a request carries an AWS signature (SigV4 or SigV2, by header or query): lakeFS serves such a
 * request from its S3 gateway whatever its path, `/api/v1/...` included.
 * @param req - the request
 * @param query - its query parameters
 * @returns true for an S3 request
 */
export function isAwsSignedRequest(req: IncomingMessage, query: URLSearchParams): boolean {
  const auth = req.headers.authorization ?? '';
  return (
    Boolean(req.headers['x-amz-signature']) ||
    auth.startsWith('AWS4') ||
    auth.startsWith('AWS ') ||
    Boolean(query.get('AWSAccessKeyId')) ||
    Boolean(query.get('X-Amz-Credential'))
  );
}

function asS3Error(error: unknown): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof ApiError) {
    if (error.status === 404 || error.status === 410) return s3Error('NoSuchKey');
    if (error.status === 403) return s3Error('AccessDenied');
    if (error.status === 400) return s3Error('InvalidRequest', error.message);
  }
  return s3Error('InternalError');
}

/**
 * The S3 gateway of the local server, with lakeFS's semantics: path-style requests, bucket = repository,
 * key = `<ref>/<path>`, SigV4 with the server's key pair; writes are staged on the branch like API writes,
 * reads work on any ref. Every answer, errors included, is S3 XML. Create it once per server: it keeps
 * the multipart uploads in progress.
 * @param deps - the server's state, auth and settings
 * @returns the request handler
 */
export function createGateway(deps: ServerDeps): GatewayHandler {
  const store = new GatewayStore(deps);
  const uploads = new MultipartUploads();
  return async (req, res, url) => {
    res.setHeader('x-amz-request-id', String(res.getHeader('x-request-id') ?? ''));
    try {
      const query = url.searchParams;
      const caller = authenticateGateway(req, query, deps.auth);
      const base: GatewayRequest = { req, res, query, caller, store, uploads };
      const target = splitTarget(url.pathname);
      if (!target.repository) {
        if (req.method !== 'GET') throw s3Error('MethodNotAllowed');
        if (!caller.allowsSomewhere('fs:ListRepositories')) throw s3Error('AccessDenied');
        return listBuckets(base);
      }
      const repo = store.findRepository(target.repository);
      if (!repo) throw missingBucket(req);
      const repository = target.repository;
      for (const needed of gatewayPermissions(req, { ...target, repository }))
        if (!caller.allows(needed)) throw s3Error('AccessDenied');
      if (target.ref === undefined) return await onBucket({ ...base, repo });
      if (!target.path) {
        res.writeHead(404, { 'content-length': 0 });
        res.end();
        return;
      }
      await onObject({ ...base, repo, ref: target.ref, path: target.path });
    } catch (error) {
      if (!req.complete) req.resume();
      sendS3Error(req, res, asS3Error(error));
    }
  };
}
