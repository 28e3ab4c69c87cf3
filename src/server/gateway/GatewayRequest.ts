import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RepositoryRecord } from '../store/types';
import type { GatewayCaller } from './authenticateGateway';
import type { MultipartUploads } from './multipart/MultipartUploads';
import type { GatewayStore } from './storeAdapter';

/** One authenticated S3 request, addressed path-style as `/<repository>/<ref>/<path>`. */
export interface GatewayRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly caller: GatewayCaller;
  readonly store: GatewayStore;
  readonly uploads: MultipartUploads;
}

/** A request on a repository (bucket). */
export interface BucketRequest extends GatewayRequest {
  readonly repo: RepositoryRecord;
}

/** A request on an object: `ref` is a branch, commit id or tag; `path` the key below it. */
export interface ObjectRequest extends BucketRequest {
  readonly ref: string;
  readonly path: string;
}

/** The key as S3 clients see it: `<ref>/<path>`. */
export const s3Key = (ref: string, path: string): string => `${ref}/${path}`;

/** S3's timestamp format (ISO 8601 with milliseconds) for Unix seconds. */
export const s3Timestamp = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** A quoted ETag. */
export const quotedEtag = (checksum: string): string => `"${checksum}"`;
