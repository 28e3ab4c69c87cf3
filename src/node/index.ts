/**
 * Node.js additions: the client reading ~/.lakectl.yaml, files and Node streams, TLS options.
 * @module lakefs-rx/node
 */
export { LakeFS } from './LakeFS';
export { lakectlConfigPath, lakectlSource, readLakectlConfig } from './lakectlConfig';
export { tlsFetch, warnInsecureTlsOnce, type TlsOptions } from './tlsFetch';
export { uploadFromFile } from './uploadFromFile';
export { uploadFromReadable } from './uploadFromReadable';
export { createObjectReadStream } from './createObjectReadStream';
export { downloadToFile, type DownloadToFileOptions, type FileDownloadEvent } from './downloadToFile';
