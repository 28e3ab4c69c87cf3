export { concatBytes, isBytes, utf8Decode, utf8Encode } from './bytes';
export {
  abortableStream,
  asyncIterableToStream,
  bytesToStream,
  countingStream,
  observableToStream,
} from './byteStreams';
export { rangeHeader, type ByteRange } from './ByteRange';
export { rechunk } from './rechunk';
export { toRequestBody, type PreparedBody, type RequestBodyOptions } from './toRequestBody';
export type {
  DownloadDone,
  DownloadEvent,
  DownloadProgress,
  TransferProgress,
  UploadDone,
  UploadEvent,
} from './TransferEvent';
export type { UploadData } from './UploadData';
export { withDownloadProgress } from './withDownloadProgress';
