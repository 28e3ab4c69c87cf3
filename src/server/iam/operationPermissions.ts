import { arn, type PermissionNode } from './permissions';

/** What an entry sees of a request: the spec's path parameters, the query and (for some) the JSON body. */
export interface PermissionInput {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * An entry of the table: the permissions an operation needs. `body: true` marks the operations whose
 * resource names come from the request body; their handlers pass the body when they authenticate.
 */
export interface OperationPermission {
  readonly body?: true;
  readonly needs: (input: PermissionInput) => PermissionNode;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const p = (input: PermissionInput, name: string): string => input.params[name] ?? '';
const repo = (input: PermissionInput): string => p(input, 'repository');
const path = (input: PermissionInput): string => input.query.get('path') ?? '';

const on =
  (action: string, resource: (input: PermissionInput) => string): OperationPermission['needs'] =>
  (input) => ({ action, resource: resource(input) });
const all =
  (...needs: OperationPermission['needs'][]): OperationPermission['needs'] =>
  (input) => ({ all: needs.map((n) => n(input)) });

const onRepo = (action: string) => on(action, (i) => arn.repository(repo(i)));
const onBranch = (action: string, param = 'branch') => on(action, (i) => arn.branch(repo(i), p(i, param)));
const onObject = (action: string) => on(action, (i) => arn.object(repo(i), path(i)));
const onUser = (action: string) => on(action, (i) => arn.user(p(i, 'userId')));
const onGroup = (action: string) => on(action, (i) => arn.group(p(i, 'groupId')));
const onPolicy = (action: string) => on(action, (i) => arn.policy(p(i, 'policyId')));
const onAll = (action: string) => on(action, () => arn.all);

const entry = (needs: OperationPermission['needs']): OperationPermission => ({ needs });
const withBody = (needs: OperationPermission['needs']): OperationPermission => ({ body: true, needs });

/** The name of the policy that holds a group's ACL (lakeFS's simplified permissions). */
export const aclPolicyName = (group: string): string => `ACL(_-_)${group}`;

const refsDump = all(onRepo('fs:ListTags'), onRepo('fs:ListBranches'), onRepo('fs:ListCommits'));
const refsRestore = all(onRepo('fs:CreateTag'), onRepo('fs:CreateBranch'), onRepo('fs:CreateCommit'));
const metadata = all(onRepo('fs:ListObjects'), onRepo('fs:ReadRepository'));

/**
 * The permissions lakeFS checks for each operation (by operationId), as its API controller does. An
 * operation absent here needs only an authenticated caller (the current user, version, setup state,
 * logout…); listing repositories filters by permission in its handler.
 */
export const OPERATION_PERMISSIONS: Readonly<Record<string, OperationPermission>> = {
  // auth
  listUsers: entry(onAll('auth:ListUsers')),
  createUser: withBody(on('auth:CreateUser', (i) => arn.user(str(i.body.id)))),
  getUser: entry(onUser('auth:ReadUser')),
  deleteUser: entry(onUser('auth:DeleteUser')),
  listUserCredentials: entry(onUser('auth:ListCredentials')),
  createCredentials: entry(onUser('auth:CreateCredentials')),
  getCredentials: entry(onUser('auth:ReadCredentials')),
  deleteCredentials: entry(onUser('auth:DeleteCredentials')),
  listUserGroups: entry(onUser('auth:ReadUser')),
  listUserPolicies: entry(onUser('auth:ReadUser')),
  attachPolicyToUser: entry(onUser('auth:AttachPolicy')),
  detachPolicyFromUser: entry(onUser('auth:DetachPolicy')),
  listUserExternalPrincipals: entry(onUser('auth:ReadUser')),
  createUserExternalPrincipal: entry(onUser('auth:CreateUserExternalPrincipal')),
  deleteUserExternalPrincipal: entry(onUser('auth:DeleteUserExternalPrincipal')),
  listGroups: entry(onAll('auth:ListGroups')),
  createGroup: withBody(on('auth:CreateGroup', (i) => arn.group(str(i.body.id)))),
  getGroup: entry(onGroup('auth:ReadGroup')),
  deleteGroup: entry(onGroup('auth:DeleteGroup')),
  listGroupMembers: entry(onGroup('auth:ReadGroup')),
  addGroupMembership: entry(onGroup('auth:AddGroupMember')),
  deleteGroupMembership: entry(onGroup('auth:RemoveGroupMember')),
  listGroupPolicies: entry(onGroup('auth:ReadGroup')),
  attachPolicyToGroup: entry(onGroup('auth:AttachPolicy')),
  detachPolicyFromGroup: entry(onGroup('auth:DetachPolicy')),
  getGroupACL: entry(
    all(
      onGroup('auth:ReadGroup'),
      on('auth:ReadPolicy', (i) => arn.policy(aclPolicyName(p(i, 'groupId')))),
    ),
  ),
  setGroupACL: entry(
    all(
      onGroup('auth:ReadGroup'),
      on('auth:AttachPolicy', (i) => arn.policy(aclPolicyName(p(i, 'groupId')))),
      on('auth:UpdatePolicy', (i) => arn.policy(aclPolicyName(p(i, 'groupId')))),
    ),
  ),
  listPolicies: entry(onAll('auth:ListPolicies')),
  createPolicy: withBody(on('auth:CreatePolicy', (i) => arn.policy(str(i.body.id)))),
  getPolicy: entry(onPolicy('auth:ReadPolicy')),
  updatePolicy: entry(onPolicy('auth:UpdatePolicy')),
  deletePolicy: entry(onPolicy('auth:DeletePolicy')),
  getExternalPrincipal: entry(
    on(
      'auth:ReadExternalPrincipal',
      (i) => `arn:lakefs:auth:::externalPrincipal/${i.query.get('principalId') ?? ''}`,
    ),
  ),
  // config
  getConfig: entry(onAll('fs:ReadConfig')),
  getStorageConfig: entry(onAll('fs:ReadConfig')),
  // repositories
  createRepository: withBody(
    all(
      on('fs:CreateRepository', (i) => arn.repository(str(i.body.name))),
      on('fs:AttachStorageNamespace', (i) => arn.namespace(str(i.body.storage_namespace))),
    ),
  ),
  getRepository: entry(onRepo('fs:ReadRepository')),
  deleteRepository: entry(onRepo('fs:DeleteRepository')),
  getRepositoryMetadata: entry(onRepo('fs:ReadRepository')),
  setRepositoryMetadata: entry(onRepo('fs:UpdateRepository')),
  deleteRepositoryMetadata: entry(onRepo('fs:UpdateRepository')),
  getBranchProtectionRules: entry(onRepo('branches:GetBranchProtectionRules')),
  internalGetBranchProtectionRules: entry(onRepo('branches:GetBranchProtectionRules')),
  setBranchProtectionRules: entry(onRepo('branches:SetBranchProtectionRules')),
  internalCreateBranchProtectionRule: entry(onRepo('branches:SetBranchProtectionRules')),
  internalDeleteBranchProtectionRule: entry(onRepo('branches:SetBranchProtectionRules')),
  createBranchProtectionRulePreflight: entry(onRepo('branches:SetBranchProtectionRules')),
  getGCRules: entry(onRepo('retention:GetGarbageCollectionRules')),
  internalGetGarbageCollectionRules: entry(onRepo('retention:GetGarbageCollectionRules')),
  setGCRules: entry(onRepo('retention:SetGarbageCollectionRules')),
  deleteGCRules: entry(onRepo('retention:SetGarbageCollectionRules')),
  internalSetGarbageCollectionRules: entry(onRepo('retention:SetGarbageCollectionRules')),
  internalDeleteGarbageCollectionRules: entry(onRepo('retention:SetGarbageCollectionRules')),
  setGarbageCollectionRulesPreflight: entry(onRepo('retention:SetGarbageCollectionRules')),
  prepareGarbageCollectionCommits: entry(onRepo('retention:PrepareGarbageCollectionCommits')),
  prepareGarbageCollectionCommitsAsync: entry(onRepo('retention:PrepareGarbageCollectionCommits')),
  prepareGarbageCollectionCommitsStatus: entry(onRepo('retention:PrepareGarbageCollectionCommits')),
  prepareGarbageCollectionUncommitted: entry(onRepo('retention:PrepareGarbageCollectionUncommitted')),
  dumpRefs: entry(refsDump),
  dumpSubmit: entry(refsDump),
  dumpStatus: entry(refsDump),
  restoreRefs: entry(refsRestore),
  restoreSubmit: entry(refsRestore),
  restoreStatus: entry(refsRestore),
  getMetaRange: entry(metadata),
  getRange: entry(metadata),
  getMetadataObject: entry(metadata),
  // actions
  listRepositoryRuns: entry(onRepo('ci:ReadAction')),
  getRun: entry(onRepo('ci:ReadAction')),
  listRunHooks: entry(onRepo('ci:ReadAction')),
  getRunHookOutput: entry(onRepo('ci:ReadAction')),
  // branches and commits
  listBranches: entry(onRepo('fs:ListBranches')),
  createBranch: withBody(on('fs:CreateBranch', (i) => arn.branch(repo(i), str(i.body.name)))),
  getBranch: entry(onBranch('fs:ReadBranch')),
  deleteBranch: entry(onBranch('fs:DeleteBranch')),
  resetBranch: entry(onBranch('fs:RevertBranch')),
  hardResetBranch: entry(onBranch('fs:RevertBranch')),
  revertBranch: entry(onBranch('fs:RevertBranch')),
  cherryPick: entry(all(onBranch('fs:CreateCommit'), onRepo('fs:ReadCommit'))),
  commit: entry(onBranch('fs:CreateCommit')),
  CreateCommitRecord: entry(onRepo('fs:CreateCommit')),
  getCommit: entry(onRepo('fs:ReadCommit')),
  logCommits: entry(onBranch('fs:ReadBranch', 'ref')),
  diffBranch: entry(onRepo('fs:ListObjects')),
  diffRefs: entry(onRepo('fs:ListObjects')),
  findMergeBase: entry(onRepo('fs:ListCommits')),
  mergeIntoBranch: entry(onBranch('fs:CreateCommit', 'destinationBranch')),
  importStart: withBody((i) => {
    const b = i.params.branch ?? '';
    const paths = Array.isArray(i.body.paths) ? (i.body.paths as unknown[]) : [];
    return {
      all: [
        { action: 'fs:WriteObject', resource: arn.branch(repo(i), b) },
        { action: 'fs:CreateCommit', resource: arn.branch(repo(i), b) },
        ...paths.flatMap((source) => {
          const s = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {};
          return [
            { action: 'fs:ImportFromStorage', resource: arn.namespace(str(s.path)) },
            { action: 'fs:WriteObject', resource: arn.object(repo(i), str(s.destination)) },
          ];
        }),
      ],
    };
  }),
  importStatus: entry(onBranch('fs:ReadBranch')),
  importCancel: entry(onBranch('fs:ImportCancel')),
  // objects
  getObject: entry(onObject('fs:ReadObject')),
  headObject: entry(onObject('fs:ReadObject')),
  statObject: entry(onObject('fs:ReadObject')),
  getUnderlyingProperties: entry(onObject('fs:ReadObject')),
  listObjects: entry(onRepo('fs:ListObjects')),
  uploadObject: entry(onObject('fs:WriteObject')),
  stageObject: entry(onObject('fs:WriteObject')),
  uploadObjectPreflight: entry(onObject('fs:WriteObject')),
  updateObjectUserMetadata: entry(onObject('fs:WriteObject')),
  getPhysicalAddress: entry(onObject('fs:WriteObject')),
  linkPhysicalAddress: entry(onObject('fs:WriteObject')),
  createPresignMultipartUpload: entry(onObject('fs:WriteObject')),
  completePresignMultipartUpload: entry(onObject('fs:WriteObject')),
  abortPresignMultipartUpload: entry(onObject('fs:WriteObject')),
  uploadPart: entry(onObject('fs:WriteObject')),
  uploadPartCopy: entry(onObject('fs:WriteObject')),
  createSymlinkFile: entry(onObject('fs:WriteObject')),
  deleteObject: entry(onObject('fs:DeleteObject')),
  copyObject: withBody(
    all(
      on('fs:ReadObject', (i) => arn.object(repo(i), str(i.body.src_path))),
      on('fs:WriteObject', (i) => arn.object(repo(i), i.query.get('dest_path') ?? '')),
    ),
  ),
  // tags
  listTags: entry(onRepo('fs:ListTags')),
  createTag: withBody(on('fs:CreateTag', (i) => arn.tag(repo(i), str(i.body.id)))),
  getTag: entry(on('fs:ReadTag', (i) => arn.tag(repo(i), p(i, 'tag')))),
  deleteTag: entry(on('fs:DeleteTag', (i) => arn.tag(repo(i), p(i, 'tag')))),
  // pull requests
  listPullRequests: entry(onRepo('pr:ListPullRequests')),
  createPullRequest: entry(onRepo('pr:WritePullRequest')),
  getPullRequest: entry(onRepo('pr:ReadPullRequest')),
  updatePullRequest: entry(onRepo('pr:WritePullRequest')),
  mergePullRequest: withBody(
    all(
      on('fs:CreateCommit', (i) => arn.branch(repo(i), str(i.body.destination_branch))),
      onRepo('pr:WritePullRequest'),
    ),
  ),
};
