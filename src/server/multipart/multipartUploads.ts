import { randomBytes } from 'node:crypto';
import type { Blockstore } from '../blockstore/Blockstore';
import type { ServerState } from '../store/ServerState';

/** An open presigned multipart upload. */
export interface MultipartUpload {
  readonly id: string;
  readonly repositoryId: string;
  readonly branchId: string;
  readonly path: string;
  readonly physicalAddress: string;
  /**
   * Part numbers whose presigned URL was handed out: a part can only be written through such a URL, so
   * these are every part file the upload may have left in the store (deleted on completion or abort).
   */
  readonly issuedParts: Set<number>;
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

/**
 * Deletes every part file an upload may have written (the parts are copied into the object on completion,
 * and an aborted upload keeps nothing), so no part outlives its upload.
 * @param blockstore - the store the parts were written to
 * @param upload - the completed or aborted upload
 */
export async function removePartFiles(
  blockstore: Pick<Blockstore, 'remove'>,
  upload: MultipartUpload,
): Promise<void> {
  await Promise.all(
    [...upload.issuedParts].map((n) => blockstore.remove(partAddress(upload.physicalAddress, n))),
  );
}

const PART_SUFFIX = /^(.*)\.part-(\d+)$/;

/**
 * Whether an address is a part of some multipart upload, and if so whether that upload is still open: a
 * part PUT for an upload that completed or was aborted must leave nothing behind.
 * @returns `not-a-part`, `open`, or `closed`
 */
export function partUploadState(state: ServerState, address: string): 'not-a-part' | 'open' | 'closed' {
  const m = PART_SUFFIX.exec(address);
  if (!m) return 'not-a-part';
  for (const upload of multipartUploadsOf(state).values())
    if (upload.physicalAddress === m[1] && upload.issuedParts.has(Number(m[2]))) return 'open';
  return 'closed';
}
