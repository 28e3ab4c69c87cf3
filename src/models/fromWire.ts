import type * as wire from '../api/models';
import type {
  Change,
  Commit,
  CommonPrefix,
  ImportStatus,
  ObjectInfo,
  RepositoryInfo,
  ServerVersion,
  StorageInfo,
  UserInfo,
} from './models';

const seconds = (s: number): Date => new Date(s * 1000);

/** Wire → {@link RepositoryInfo}. */
export function toRepositoryInfo(r: wire.Repository): RepositoryInfo {
  return {
    id: r.id,
    creationDate: seconds(r.creation_date),
    defaultBranch: r.default_branch,
    storageNamespace: r.storage_namespace,
    readOnly: r.read_only ?? false,
    ...(r.storage_id !== undefined ? { storageId: r.storage_id } : {}),
  };
}

/** Wire → {@link Commit}. */
export function toCommit(c: wire.Commit): Commit {
  return {
    id: c.id,
    parents: c.parents,
    committer: c.committer,
    message: c.message,
    creationDate: seconds(c.creation_date),
    metaRangeId: c.meta_range_id,
    metadata: c.metadata ?? {},
    ...(c.generation !== undefined ? { generation: c.generation } : {}),
  };
}

/** Wire → {@link ObjectInfo} or {@link CommonPrefix}. */
export function toObjectOrPrefix(o: wire.ObjectStats): ObjectInfo | CommonPrefix {
  return o.path_type === 'common_prefix' ? { type: 'common_prefix', path: o.path } : toObjectInfo(o);
}

/** Wire → {@link ObjectInfo}. */
export function toObjectInfo(o: wire.ObjectStats): ObjectInfo {
  return {
    type: 'object',
    path: o.path,
    physicalAddress: o.physical_address,
    ...(o.physical_address_expiry !== undefined
      ? { physicalAddressExpiry: seconds(o.physical_address_expiry) }
      : {}),
    checksum: o.checksum,
    sizeBytes: o.size_bytes ?? 0,
    mtime: seconds(o.mtime),
    metadata: o.metadata ?? {},
    contentType: o.content_type ?? 'application/octet-stream',
  };
}

/** Wire → {@link Change}. */
export function toChange(d: wire.Diff): Change {
  return {
    type: d.type,
    path: d.path,
    pathType: d.path_type,
    ...(d.size_bytes !== undefined ? { sizeBytes: d.size_bytes } : {}),
  };
}

/** Wire → {@link ImportStatus}. */
export function toImportStatus(s: wire.ImportStatus): ImportStatus {
  return {
    completed: s.completed,
    updateTime: new Date(s.update_time),
    ingestedObjects: s.ingested_objects ?? 0,
    ...(s.metarange_id !== undefined ? { metarangeId: s.metarange_id } : {}),
    ...(s.commit !== undefined ? { commit: toCommit(s.commit) } : {}),
    ...(s.error !== undefined ? { error: s.error.message } : {}),
  };
}

/** Wire → {@link ServerVersion}. */
export function toServerVersion(v: wire.VersionConfig): ServerVersion {
  return {
    version: v.version ?? '',
    ...(v.version_context !== undefined ? { versionContext: v.version_context } : {}),
    ...(v.latest_version !== undefined ? { latestVersion: v.latest_version } : {}),
    ...(v.upgrade_recommended !== undefined ? { upgradeRecommended: v.upgrade_recommended } : {}),
  };
}

/** Wire → {@link StorageInfo}. */
export function toStorageInfo(s: wire.StorageConfig): StorageInfo {
  return {
    blockstoreType: s.blockstore_type,
    blockstoreNamespaceExample: s.blockstore_namespace_example,
    blockstoreNamespaceValidityRegex: s.blockstore_namespace_ValidityRegex,
    ...(s.default_namespace_prefix !== undefined
      ? { defaultNamespacePrefix: s.default_namespace_prefix }
      : {}),
    preSignSupport: s.pre_sign_support,
    preSignSupportUi: s.pre_sign_support_ui,
    importSupport: s.import_support,
    importValidityRegex: s.import_validity_regex,
    ...(s.pre_sign_multipart_upload !== undefined
      ? { preSignMultipartUpload: s.pre_sign_multipart_upload }
      : {}),
  };
}

/** Wire → {@link UserInfo}. */
export function toUserInfo(u: wire.User): UserInfo {
  return {
    id: u.id,
    creationDate: seconds(u.creation_date),
    ...(u.friendly_name !== undefined ? { friendlyName: u.friendly_name } : {}),
    ...(u.email !== undefined ? { email: u.email } : {}),
  };
}
