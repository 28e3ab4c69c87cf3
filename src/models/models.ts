/**
 * A repository, as the high-level API emits it.
 * @group Models
 */
export interface RepositoryInfo {
  /** The repository id (3–63 characters: lowercase letters, digits, `-`). */
  readonly id: string;
  /** When the repository was created. */
  readonly creationDate: Date;
  /** The branch created with the repository (usually `main`). */
  readonly defaultBranch: string;
  /** Where its data lives, e.g. `s3://bucket/prefix` or `local://…`. */
  readonly storageNamespace: string;
  /** Whether writes are refused (`ForbiddenError`). */
  readonly readOnly: boolean;
  /** The storage the namespace belongs to, on servers with several. */
  readonly storageId?: string;
}

/**
 * A commit. `parents` is empty for the root commit; `metadata` is `{}` when none.
 * @group Models
 */
export interface Commit {
  /** The commit id (64 hex characters). */
  readonly id: string;
  /** Parent commit ids: none for the root commit, two for a merge. */
  readonly parents: readonly string[];
  /** Who committed (the user id, or `""` when the server has none). */
  readonly committer: string;
  /** The commit message. */
  readonly message: string;
  /** When the commit was made (second precision). */
  readonly creationDate: Date;
  /** The id of the tree (meta-range) the commit points at. */
  readonly metaRangeId: string;
  /** User metadata of the commit (`{}` when none). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Distance from the root commit, when the server reports it. */
  readonly generation?: number;
}

/**
 * An object's stats.
 * @group Models
 */
export interface ObjectInfo {
  /** Always `object` (tells it from a {@link CommonPrefix} in a listing). */
  readonly type: 'object';
  /** The object path on its ref. */
  readonly path: string;
  /** Where the bytes are in the object store. */
  readonly physicalAddress: string;
  /** Until when a presigned physical address is valid. */
  readonly physicalAddressExpiry?: Date;
  /** The object store checksum (an MD5 hex or an ETag). */
  readonly checksum: string;
  /** Size in bytes. */
  readonly sizeBytes: number;
  /** Last modification time (second precision). */
  readonly mtime: Date;
  /** User metadata (`{}` when none). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Content type (`application/octet-stream` unless given at upload). */
  readonly contentType: string;
}

/**
 * A common prefix row of a delimited listing.
 * @group Models
 */
export interface CommonPrefix {
  /** Always `common_prefix`. */
  readonly type: 'common_prefix';
  /** The prefix, ending with the delimiter (e.g. `tables/`). */
  readonly path: string;
}

/**
 * One row of a diff. Common-prefix rows (with a delimiter) have `type: 'prefix_changed'`.
 * @group Models
 */
export interface Change {
  /** What happened to the path. */
  readonly type: 'added' | 'removed' | 'changed' | 'conflict' | 'prefix_changed';
  /** The object path, or the prefix of a `prefix_changed` row. */
  readonly path: string;
  /** Whether the row is an object or a common prefix. */
  readonly pathType: 'object' | 'common_prefix';
  /** Size of the object after the change, when the server reports it. */
  readonly sizeBytes?: number;
}

/**
 * One tick of an import.
 * @group Models
 */
export interface ImportStatus {
  /** True once the import has committed (or failed: see `error`). */
  readonly completed: boolean;
  /** When the server last updated the status. */
  readonly updateTime: Date;
  /** Objects ingested so far. */
  readonly ingestedObjects: number;
  /** The tree the import produced, once it has one. */
  readonly metarangeId?: string;
  /** The commit the import made, once completed. */
  readonly commit?: Commit;
  /** Why the import failed, when it did. */
  readonly error?: string;
}

/**
 * What a transaction emits when it lands.
 * @group Models
 */
export interface TransactionResult {
  /** The commit made on the ephemeral branch. */
  readonly commit: Commit;
  /** The merge commit id on the source branch. */
  readonly mergeRef: string;
}

/**
 * The server's version.
 * @group Models
 */
export interface ServerVersion {
  /** The server version, e.g. `1.84.0`. */
  readonly version: string;
  /** Where the version information comes from, when reported. */
  readonly versionContext?: string;
  /** The newest released version, when the server checks for updates. */
  readonly latestVersion?: string;
  /** Whether the server recommends upgrading. */
  readonly upgradeRecommended?: boolean;
}

/**
 * The server's storage capabilities.
 * @group Models
 */
export interface StorageInfo {
  /** The object store kind: `s3`, `gs`, `azure`, `local`, `mem`. */
  readonly blockstoreType: string;
  /** An example storage namespace for this store. */
  readonly blockstoreNamespaceExample: string;
  /** What a storage namespace must match. */
  readonly blockstoreNamespaceValidityRegex: string;
  /** Prefix a repository namespace defaults to (prefix + id). */
  readonly defaultNamespacePrefix?: string;
  /** Whether presigned URLs can be used for object data. */
  readonly preSignSupport: boolean;
  /** Whether the web UI may use presigned URLs. */
  readonly preSignSupportUi: boolean;
  /** Whether imports are supported. */
  readonly importSupport: boolean;
  /** What an import source must match. */
  readonly importValidityRegex: string;
  /** Whether presigned multipart uploads are supported. */
  readonly preSignMultipartUpload?: boolean;
}

/**
 * The authenticated user.
 * @group Models
 */
export interface UserInfo {
  /** The user id. */
  readonly id: string;
  /** When the user was created. */
  readonly creationDate: Date;
  /** A display name, when set. */
  readonly friendlyName?: string;
  /** The e-mail address, when set. */
  readonly email?: string;
}
