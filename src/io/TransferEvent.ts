import type { ObjectInfo } from '../models/models';

/**
 * Progress of a transfer (with `reportProgress: true`). `loaded` counts the bytes sent or received so
 * far; `total` is the full size when known (an in-memory upload, a Blob, a download with `Content-Length`).
 * @group Models
 */
export interface TransferProgress {
  readonly type: 'progress';
  /** Bytes transferred so far. */
  readonly loaded: number;
  /** Size of the whole transfer, when known. */
  readonly total?: number;
}

/**
 * The last event of an upload with `reportProgress: true`: the stored object's stats.
 * @group Models
 */
export interface UploadDone {
  readonly type: 'done';
  /** The uploaded object, as the server recorded it. */
  readonly object: ObjectInfo;
}

/**
 * What an upload with `reportProgress: true` emits: progress events, then one {@link UploadDone}.
 * @group Models
 */
export type UploadEvent = TransferProgress | UploadDone;

/**
 * Progress of a read with `reportProgress: true`; carries the chunk that was just received.
 * @group Models
 */
export interface DownloadProgress extends TransferProgress {
  /** The bytes received with this event. */
  readonly chunk: Uint8Array;
}

/**
 * The last event of a download with `reportProgress: true`.
 * @group Models
 */
export interface DownloadDone {
  readonly type: 'done';
  /** Bytes received in total. */
  readonly loaded: number;
}

/**
 * What a read with `reportProgress: true` emits: chunks with progress, then one {@link DownloadDone}.
 * @group Models
 */
export type DownloadEvent = DownloadProgress | DownloadDone;
