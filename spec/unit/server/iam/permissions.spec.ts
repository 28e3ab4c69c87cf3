import type { StatementRecord } from '../../../../src/server/iam/IamStore';
import { LAKEFS_OPERATIONS } from '../../../../src/server/http/lakefsOperations';
import { OPERATION_PERMISSIONS } from '../../../../src/server/iam/operationPermissions';
import {
  arn,
  arnMatch,
  effectiveStatements,
  refusal,
  wildcardMatch,
  type PermissionNode,
} from '../../../../src/server/iam/permissions';

const decide = (node: PermissionNode, statements: StatementRecord[], user = 'u1'): string | undefined =>
  refusal(node, effectiveStatements(user, statements));
const allow = (action: string[], resource = '*'): StatementRecord => ({ effect: 'allow', action, resource });
const deny = (action: string[], resource = '*'): StatementRecord => ({ effect: 'deny', action, resource });
const readA = { action: 'fs:ReadObject', resource: arn.object('repo', 'a/b.txt') };

describe('lakeFS policy evaluation', () => {
  it('matches wildcards: * any run, ? one character, everything else literally', () => {
    expect(wildcardMatch('fs:Read*', 'fs:ReadObject')).toBe(true);
    expect(wildcardMatch('fs:*', 'auth:ReadUser')).toBe(false);
    expect(wildcardMatch('fs:Read?bject', 'fs:ReadObject')).toBe(true);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('repository/(x)*', 'repository/(x)/y')).toBe(true);
  });

  it('matches ARNs by service and account exactly, with wildcards in the resource part only', () => {
    expect(arnMatch('*', arn.user('x'))).toBe(true);
    expect(arnMatch('arn:lakefs:fs:::repository/r*', arn.object('r1', 'k'))).toBe(true);
    expect(arnMatch('arn:lakefs:fs:::repository/r/object/a/*', arn.object('r', 'b/c'))).toBe(false);
    expect(arnMatch('arn:lakefs:*:::repository/*', arn.repository('r'))).toBe(false);
    expect(arnMatch('arn:lakefs:auth:::repository/*', arn.repository('r'))).toBe(false);
    expect(arnMatch('not-an-arn', arn.repository('r'))).toBe(false);
  });

  it('needs an allow; without one the message names the missing action', () => {
    expect(decide(readA, [])).toBe('not allowed to fs:ReadObject');
    expect(decide(readA, [allow(['fs:List*'])])).toBe('not allowed to fs:ReadObject');
    expect(decide(readA, [allow(['fs:Read*'])])).toBeUndefined();
    expect(decide(readA, [allow(['fs:*'], 'arn:lakefs:fs:::repository/repo/object/a/*')])).toBeUndefined();
  });

  it('lets a matching deny win over any allow, naming the statement action that denied', () => {
    const statements = [allow(['fs:*']), deny(['fs:Read*'], 'arn:lakefs:fs:::repository/repo/object/a/*')];
    expect(decide(readA, statements)).toBe('denied permission to fs:Read*');
    expect(decide({ ...readA, resource: arn.object('repo', 'b') }, statements)).toBeUndefined();
  });

  it('needs every permission of an "all" node and one of an "any" node', () => {
    const both: PermissionNode = { all: [readA, { action: 'fs:WriteObject', resource: readA.resource }] };
    expect(decide(both, [allow(['fs:ReadObject'])])).toBe('not allowed to fs:WriteObject');
    expect(decide(both, [allow(['fs:ReadObject', 'fs:WriteObject'])])).toBeUndefined();
    const either: PermissionNode = { any: [readA, { action: 'fs:WriteObject', resource: readA.resource }] };
    expect(decide(either, [allow(['fs:WriteObject'])])).toBeUndefined();
    expect(decide(either, [allow(['fs:WriteObject']), deny(['fs:ReadObject'])])).toBe(
      'denied permission to fs:ReadObject',
    );
  });

  it('reads JSON lists of resources and replaces ${user} with the caller', () => {
    const list = allow(['fs:ReadRepository'], JSON.stringify([arn.repository('x'), arn.repository('y')]));
    expect(decide({ action: 'fs:ReadRepository', resource: arn.repository('y') }, [list])).toBeUndefined();
    const own = allow(['auth:CreateCredentials'], 'arn:lakefs:auth:::user/${user}');
    expect(decide({ action: 'auth:CreateCredentials', resource: arn.user('u1') }, [own])).toBeUndefined();
    expect(decide({ action: 'auth:CreateCredentials', resource: arn.user('u2') }, [own])).toBe(
      'not allowed to auth:CreateCredentials',
    );
  });

  it('never applies a statement with conditions (client IP conditions are not evaluated here)', () => {
    const conditional: StatementRecord = {
      ...allow(['fs:*']),
      condition: { IpAddress: { 'lakefs:SourceIp': ['0.0.0.0/0'] } },
    };
    expect(decide(readA, [conditional])).toBe('not allowed to fs:ReadObject');
  });
});

describe('the operation → permission table', () => {
  // operations that need only an authenticated caller (or none), as in lakeFS's controller
  const AUTHENTICATION_ONLY = new Set([
    'getAuthCapabilities',
    'login',
    'externalPrincipalLogin',
    'stsLogin',
    'healthCheck',
    'listRepositories',
    'getSetupState',
    'setup',
    'setupCommPrefs',
    'getCurrentUser',
    'getLakeFSVersion',
    'getGarbageCollectionConfig',
    'postStatsEvents',
    'getUsageReportSummary',
    'oauthCallback',
    'deleteObjects',
  ]);

  it('names every operation of the lakeFS API that checks permissions', () => {
    const missing = LAKEFS_OPERATIONS.map(([, , id]) => id).filter(
      (id) => !OPERATION_PERMISSIONS[id] && !AUTHENTICATION_ONLY.has(id),
    );
    expect(missing).toEqual([]);
  });

  it('builds resources from the spec parameters, the query and the body', () => {
    const params = { repository: 'r', branch: 'dev', destinationBranch: 'main', userId: 'u' };
    const needs = (id: string, query = '', body: Record<string, unknown> = {}) =>
      OPERATION_PERMISSIONS[id]?.needs({ params, query: new URLSearchParams(query), body });
    expect(needs('getObject', 'path=a/b')).toEqual({
      action: 'fs:ReadObject',
      resource: arn.object('r', 'a/b'),
    });
    expect(needs('mergeIntoBranch')).toEqual({
      action: 'fs:CreateCommit',
      resource: arn.branch('r', 'main'),
    });
    expect(needs('createBranch', '', { name: 'x' })).toEqual({
      action: 'fs:CreateBranch',
      resource: arn.branch('r', 'x'),
    });
    expect(needs('createRepository', '', { name: 'n', storage_namespace: 'local://n' })).toEqual({
      all: [
        { action: 'fs:CreateRepository', resource: arn.repository('n') },
        { action: 'fs:AttachStorageNamespace', resource: arn.namespace('local://n') },
      ],
    });
    expect(OPERATION_PERMISSIONS.createRepository?.body).toBe(true);
  });
});
