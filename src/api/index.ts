export { createApi, type LakeFSApi } from './createApi';
export type { PageParams } from './pageParams';
export type { LogCommitsParams } from './commitsApi';
export type { UploadHeaders } from './objectsApi';
export * as wire from './generated/models';
