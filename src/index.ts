export { LakeFS, type ListRepositoriesOptions } from './client';
export type { LakeFSOptions } from './config/LakeFSOptions';
export * from './errors';
export type { FetchLike, RetryOptions } from './http/types';
export type {
  Change,
  Commit,
  CommonPrefix,
  ImportStatus,
  ObjectInfo,
  RepositoryInfo,
  ServerVersion,
  StorageInfo,
  TransactionResult,
  UserInfo,
} from './models/models';
export { Repository, type CreateRepositoryOptions, type ListRefsOptions } from './resources/Repository';
export { Reference, type LogOptions } from './resources/Reference';
export { Branch, type CreateBranchOptions } from './resources/Branch';
export { Tag } from './resources/Tag';
export { paginate, type Page, type PaginateOptions } from './operators/paginate';
export { retryWithBackoff } from './operators/retryWithBackoff';
export { toAsyncIterable } from './operators/toAsyncIterable';
export { retryPolicyFrom, defaultRetryPolicy, type RetryPolicy } from './http/retryPolicy';
export type { LakeFSApi } from './api/createApi';
export * as wire from './api/models';
export { VERSION } from './version';
