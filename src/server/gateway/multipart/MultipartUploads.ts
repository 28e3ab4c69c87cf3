import { randomBytes } from 'node:crypto';
import type { StoredBlob } from '../../blockstore/Blockstore';

/** One uploaded part: its data in the blockstore and its MD5 (the part's ETag). */
export interface UploadedPart {
  readonly partNumber: number;
  readonly blob: StoredBlob;
  /** Unix seconds. */
  readonly lastModified: number;
}

/** A multipart upload in progress, bound to the repository, branch and path it was created for. */
export interface MultipartUpload {
  readonly uploadId: string;
  readonly repository: string;
  readonly branch: string;
  readonly path: string;
  /** Unix seconds. */
  readonly initiated: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly parts: Map<number, UploadedPart>;
}

/**
 * The gateway's multipart uploads in progress (what lakeFS keeps in its multipart tracker). Parts live in
 * the blockstore like any blob; only their addresses are kept here.
 */
export class MultipartUploads {
  private readonly uploads = new Map<string, MultipartUpload>();

  /** Starts an upload and returns it with a fresh, unguessable id. */
  create(fields: Omit<MultipartUpload, 'uploadId' | 'parts'>): MultipartUpload {
    const upload: MultipartUpload = {
      ...fields,
      uploadId: randomBytes(24).toString('hex'),
      parts: new Map(),
    };
    this.uploads.set(upload.uploadId, upload);
    return upload;
  }

  /** The upload, if it exists and belongs to this repository and path. */
  find(uploadId: string, repository: string, path: string): MultipartUpload | undefined {
    const upload = this.uploads.get(uploadId);
    return upload && upload.repository === repository && upload.path === path ? upload : undefined;
  }

  /** Uploads in a repository, ordered by path then id. */
  inRepository(repository: string): MultipartUpload[] {
    return [...this.uploads.values()]
      .filter((u) => u.repository === repository)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.uploadId < b.uploadId ? -1 : 1));
  }

  /** Forgets an upload (completed or aborted). */
  remove(uploadId: string): void {
    this.uploads.delete(uploadId);
  }
}
