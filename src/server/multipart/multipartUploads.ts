import { randomBytes } from 'node:crypto';
import type { ServerState } from '../store/ServerState';

/** An open presigned multipart upload. */
export interface MultipartUpload {
  readonly id: string;
  readonly repositoryId: string;
  readonly branchId: string;
  readonly path: string;
  readonly physicalAddress: string;
}

const byServer = new WeakMap<ServerState, Map<string, MultipartUpload>>();

/** The open multipart uploads of a server, by upload id. */
export function multipartUploadsOf(state: ServerState): Map<string, MultipartUpload> {
  let found = byServer.get(state);
  if (!found) {
    found = new Map();
    byServer.set(state, found);
  }
  return found;
}

/** A new upload id (opaque, URL-safe, as S3's). */
export const newUploadId = (): string => randomBytes(24).toString('base64url');

/** Where part `n` of an upload lies: beside the object's address, inside the store's data area. */
export const partAddress = (physicalAddress: string, partNumber: number): string =>
  `${physicalAddress}.part-${partNumber}`;
