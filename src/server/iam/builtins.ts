import type { StatementRecord } from './IamStore';

const allow = (action: readonly string[], resource = '*'): StatementRecord => ({
  effect: 'allow',
  resource,
  action,
});

const FS_READ = ['fs:List*', 'fs:Read*'];
const FS_READ_WRITE = [
  'fs:Read*',
  'fs:List*',
  'fs:WriteObject',
  'fs:DeleteObject',
  'fs:RevertBranch',
  'fs:CreateBranch',
  'fs:CreateTag',
  'fs:DeleteBranch',
  'fs:DeleteTag',
  'fs:CreateCommit',
];
const CATALOG_READ = [
  'catalog:ListNamespaces',
  'catalog:GetNamespace',
  'catalog:ListTables',
  'catalog:ReadTable',
  'catalog:ListViews',
  'catalog:ReadView',
];
const REPO_MANAGEMENT_READ = [
  'ci:Read*',
  'retention:Get*',
  'branches:Get*',
  'pr:Read*',
  'pr:List*',
  'fs:ReadConfig',
];
const OWN_CREDENTIALS = [
  'auth:CreateCredentials',
  'auth:DeleteCredentials',
  'auth:ListCredentials',
  'auth:ReadCredentials',
];

/** The policies a lakeFS with its own RBAC creates at setup, by name. */
export const BUILTIN_POLICIES: Readonly<Record<string, readonly StatementRecord[]>> = {
  FSFullAccess: [allow(['fs:*'])],
  FSReadWriteAll: [allow(FS_READ_WRITE)],
  FSReadAll: [allow(FS_READ)],
  RepoManagementFullAccess: [allow(['ci:*', 'retention:*', 'branches:*', 'pr:*', 'fs:ReadConfig'])],
  PRReadWriteAll: [allow(['pr:*'])],
  CatalogReadAll: [allow(CATALOG_READ)],
  CatalogReadWriteAll: [allow(['catalog:*'])],
  RepoManagementReadAll: [allow(REPO_MANAGEMENT_READ)],
  AuthFullAccess: [allow(['auth:*'])],
  AuthManageOwnCredentials: [allow(OWN_CREDENTIALS, 'arn:lakefs:auth:::user/${user}')],
};

/** The groups lakeFS creates at setup and the policies attached to each; its first user joins Admins. */
export const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Admins: ['FSFullAccess', 'CatalogReadWriteAll', 'AuthFullAccess', 'RepoManagementFullAccess'],
  SuperUsers: ['FSFullAccess', 'CatalogReadWriteAll', 'AuthManageOwnCredentials', 'RepoManagementReadAll'],
  Developers: [
    'FSReadWriteAll',
    'PRReadWriteAll',
    'CatalogReadWriteAll',
    'AuthManageOwnCredentials',
    'RepoManagementReadAll',
  ],
  Viewers: ['FSReadAll', 'CatalogReadAll', 'AuthManageOwnCredentials'],
};

/** The admin group of {@link BUILTIN_GROUPS}. */
export const ADMINS_GROUP = 'Admins';

/** Statements of a group ACL (lakeFS's simplified permissions: Read, Write, Super, Admin). */
export function aclStatements(permission: string): readonly StatementRecord[] | undefined {
  const own = allow(OWN_CREDENTIALS, 'arn:lakefs:auth:::user/${user}');
  switch (permission) {
    case 'Read':
      return [allow(FS_READ), allow(['fs:ReadConfig']), own];
    case 'Write':
      return [allow(FS_READ_WRITE), own, allow(REPO_MANAGEMENT_READ)];
    case 'Super':
      return [allow(['fs:*']), own, allow(REPO_MANAGEMENT_READ)];
    case 'Admin':
      return [allow(['fs:*', 'auth:*', 'ci:*', 'retention:*', 'branches:*', 'pr:*'])];
    default:
      return undefined;
  }
}
