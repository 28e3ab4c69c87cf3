/**
 * The core entry: the client, its resources, models, errors and operators. Browser-safe (no Node modules).
 * @module lakefs-rx
 */
export { LakeFS, type ListRepositoriesOptions } from './client';
export type { LakeFSOptions, ResolvedConnection } from './config/LakeFSOptions';
export type { ConnectionSource } from './config/resolveConnection';
export type { S3ClientConfig, S3ClientConfigOptions } from './config/s3ClientConfig';
export type { ClientContext } from './resources/ClientContext';
export * from './errors';
export type { FetchLike, HttpMethod, HttpRequest, QueryValue, RequestBody, RetryOptions } from './http/types';
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
export {
  Reference,
  type DiffOptions,
  type ListObjectsOptions,
  type LogOptions,
  type MergeOptions,
} from './resources/Reference';
export {
  Branch,
  type CommitOptions,
  type CreateBranchOptions,
  type ParentNumberOptions,
  type ResetChangesOptions,
  type UncommittedOptions,
} from './resources/Branch';
export { Tag, type CreateTagOptions } from './resources/Tag';
export { BranchProtection, type BranchProtectionRules } from './resources/BranchProtection';
export { GarbageCollectionRules, type GcRules } from './resources/GarbageCollectionRules';
export type {
  RefsManifest,
  RefsTaskOptions,
  RefsTaskStatus,
  RestoreRefsOptions,
} from './resources/refsDumpTasks';
export {
  ActionRun,
  ActionRuns,
  type ActionRunInfo,
  type FollowActionRunsOptions,
  type HookRunInfo,
  type ListActionRunsOptions,
} from './resources/ActionRuns';
export { AuthAdmin, type ListAdminOptions } from './resources/admin/AuthAdmin';
export { UserHandle } from './resources/admin/UserHandle';
export { GroupHandle } from './resources/admin/GroupHandle';
export { PolicyHandle } from './resources/admin/PolicyHandle';
export type {
  AccessKey,
  GroupDetails,
  NewAccessKey,
  PolicyDetails,
  PolicyStatement,
  UserDetails,
} from './resources/admin/adminModels';
export {
  PullRequests,
  PullRequestHandle,
  type PullRequestInfo,
  type ListPullRequestsOptions,
  type CreatePullRequestOptions,
  type UpdatePullRequestOptions,
} from './resources/PullRequests';
export {
  StoredObject,
  type ReadOptions,
  type ReadStreamOptions,
  type StatOptions,
} from './resources/StoredObject';
export { WriteableObject, type UploadOptions } from './resources/WriteableObject';
export { DIRECT_UPLOAD_BELOW_BYTES } from './resources/usePresign';
export { MAX_DELETE_BATCH, type DeletablePath, type DeletablePaths } from './resources/deleteInBatches';
export {
  uploadAll,
  type UploadAllItemOptions,
  type UploadAllOptions,
  type UploadItem,
} from './resources/uploadAll';
export type { UploadData } from './io/UploadData';
export type { ByteRange } from './io/ByteRange';
export type {
  DownloadDone,
  DownloadEvent,
  DownloadProgress,
  TransferProgress,
  UploadDone,
  UploadEvent,
} from './io/TransferEvent';
export { rechunk } from './io/rechunk';
export { ImportManager, type ImportDataOptions, type ImportSource } from './resources/ImportManager';
export { type WatchImportOptions } from './resources/watchImport';
export { type TransactOptions } from './resources/transact';
export { inTransaction, type InTransactionOptions } from './resources/inTransaction';
export { pollUntilDone, type PollUntilDoneOptions } from './operators/pollUntilDone';
export {
  pollImportStatus,
  sameImportStatus,
  type PollImportStatusOptions,
} from './resources/pollImportStatus';
export { runImport, type ImportOperations, type RunImportOptions } from './resources/runImport';
export { paginate, type Page, type PageCursor, type PaginateOptions } from './operators/paginate';
export { retryWithBackoff } from './operators/retryWithBackoff';
export { toAsyncIterable } from './operators/toAsyncIterable';
export { PULL, isPullable, pullable, type Pullable, type Puller } from './operators/pullable';
export { deferPullable } from './operators/deferPullable';
export { pullMap } from './operators/pullMap';
export { mergePulled } from './operators/mergePulled';
export { pullerOf, type PullSource } from './operators/pullerOf';
export { retryPolicyFrom, defaultRetryPolicy, type RetryPolicy } from './http/retryPolicy';
export { createApi, type LakeFSApi } from './api/createApi';
export type { PageParams } from './api/pageParams';
export type { LogCommitsParams } from './api/commitsApi';
export type { UploadHeaders } from './api/objectsApi';
export type {
  BranchCreation,
  CherryPickCreation,
  CommitCreation,
  CommitOverrides,
  Merge,
  ResetCreation,
  RevertCreation,
} from './api/models/refs';
export type { RepositoryCreation } from './api/models/repository';
export type { ObjectCopyCreation, StagingMetadata } from './api/models/objects';
export type { ImportCreation, ImportLocation } from './api/models/imports';
export type { HttpClient, HttpClientConfig } from './http/HttpClient';
export type { Credentials } from './http/Credentials';
export { VERSION } from './version';
/**
 * The io-ts codecs and types of every schema of the lakeFS API, in their wire shape (snake_case), as
 * {@link LakeFS.api} sends and returns them. Generated from the OpenAPI spec.
 * @group Models
 */
export * as wire from './api/generated/models';
// Types that exported signatures name (TypeDoc's notExported check): exported so users can name them too.
export type { BackoffPolicy } from './operators/retryWithBackoff';
export type { RequestBodySource } from './http/types';
export type { MultipartOptions } from './resources/multipartUpload';
export type { DownloadPart, OpenedResponse } from './http/HttpClient';
export type { BranchProtectionRulesWithETag } from './api/branchProtectionApi';
