/** A repository, as the high-level API emits it. */
export interface RepositoryInfo {
  readonly id: string;
  readonly creationDate: Date;
  readonly defaultBranch: string;
  readonly storageNamespace: string;
  readonly readOnly: boolean;
  readonly storageId?: string;
}

/** A commit. `parents` is empty for the root commit; `metadata` is `{}` when none. */
export interface Commit {
  readonly id: string;
  readonly parents: readonly string[];
  readonly committer: string;
  readonly message: string;
  readonly creationDate: Date;
  readonly metaRangeId: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly generation?: number;
}

/** An object's stats. */
export interface ObjectInfo {
  readonly type: 'object';
  readonly path: string;
  readonly physicalAddress: string;
  readonly physicalAddressExpiry?: Date;
  readonly checksum: string;
  readonly sizeBytes: number;
  readonly mtime: Date;
  readonly metadata: Readonly<Record<string, string>>;
  readonly contentType: string;
}

/** A common prefix row of a delimited listing. */
export interface CommonPrefix {
  readonly type: 'common_prefix';
  readonly path: string;
}

/** One row of a diff. Common-prefix rows (with a delimiter) have `type: 'prefix_changed'`. */
export interface Change {
  readonly type: 'added' | 'removed' | 'changed' | 'conflict' | 'prefix_changed';
  readonly path: string;
  readonly pathType: 'object' | 'common_prefix';
  readonly sizeBytes?: number;
}

/** One tick of an import. */
export interface ImportStatus {
  readonly completed: boolean;
  readonly updateTime: Date;
  readonly ingestedObjects: number;
  readonly metarangeId?: string;
  readonly commit?: Commit;
  readonly error?: string;
}

/** What a transaction emits when it lands. */
export interface TransactionResult {
  /** The commit made on the ephemeral branch. */
  readonly commit: Commit;
  /** The merge commit id on the source branch. */
  readonly mergeRef: string;
}

/** The server's version. */
export interface ServerVersion {
  readonly version: string;
  readonly versionContext?: string;
  readonly latestVersion?: string;
  readonly upgradeRecommended?: boolean;
}

/** The server's storage capabilities. */
export interface StorageInfo {
  readonly blockstoreType: string;
  readonly blockstoreNamespaceExample: string;
  readonly blockstoreNamespaceValidityRegex: string;
  readonly defaultNamespacePrefix?: string;
  readonly preSignSupport: boolean;
  readonly preSignSupportUi: boolean;
  readonly importSupport: boolean;
  readonly importValidityRegex: string;
  readonly preSignMultipartUpload?: boolean;
}

/** The authenticated user. */
export interface UserInfo {
  readonly id: string;
  readonly creationDate: Date;
  readonly friendlyName?: string;
  readonly email?: string;
}
