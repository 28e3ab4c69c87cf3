import { ConflictError, NotFoundError, NotAuthorizedError } from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, run } from './helpers/repoFixture';

const BUILTIN_GROUPS = ['Admins', 'Developers', 'SuperUsers', 'Viewers'];
const BUILTIN_POLICIES = [
  'AuthFullAccess',
  'AuthManageOwnCredentials',
  'CatalogReadAll',
  'CatalogReadWriteAll',
  'FSFullAccess',
  'FSReadAll',
  'FSReadWriteAll',
  'PRReadWriteAll',
  'RepoManagementFullAccess',
  'RepoManagementReadAll',
];

describe('admin: users, groups, policies, access keys', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('lists users with the current one among them; a missing user is NotFoundError, missingOk deletes quietly', async () => {
    const admin = target.lakefs.admin();
    const me = await run(target.lakefs.currentUser());
    expect((await all(admin.users())).map((u) => u.id)).toContain(me.id);
    expect((await run(admin.user(me.id).get())).id).toBe(me.id);
    await expect(run(admin.user('no-such-user-i18').get())).rejects.toBeInstanceOf(NotFoundError);
    await expect(run(admin.user('no-such-user-i18').delete({ missingOk: true }))).resolves.toBeUndefined();
  });

  // the real lakeFS here runs with its built-in single-user auth: groups and policies answer 501 there
  itLocal(
    "a second user's key pair authenticates as that user until the key or user is deleted",
    async () => {
      const admin = target.lakefs.admin();
      const user = admin.user('analyst');
      const created = await run(user.create());
      expect(created.id).toBe('analyst');
      await expect(run(user.create())).rejects.toBeInstanceOf(ConflictError);
      expect((await run(user.create({ existOk: true }))).id).toBe('analyst');

      const key = await run(user.createAccessKey());
      expect(key.secretAccessKey).not.toBe('');
      expect((await all(user.accessKeys())).map((k) => k.accessKeyId)).toEqual([key.accessKeyId]);
      const asAnalyst = target.client({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
      expect((await run(asAnalyst.currentUser())).id).toBe('analyst');

      await run(user.deleteAccessKey(key.accessKeyId));
      await expect(run(asAnalyst.currentUser())).rejects.toBeInstanceOf(NotAuthorizedError);
      await expect(run(user.deleteAccessKey(key.accessKeyId, { missingOk: true }))).resolves.toBeUndefined();

      const second = await run(user.createAccessKey());
      await run(user.delete());
      const gone = target.client({
        accessKeyId: second.accessKeyId,
        secretAccessKey: second.secretAccessKey,
      });
      await expect(run(gone.currentUser())).rejects.toBeInstanceOf(NotAuthorizedError);
    },
  );

  itLocal(
    'groups hold members and policies; a user sees its groups and, effectively, their policies',
    async () => {
      const admin = target.lakefs.admin();
      await run(admin.user('dev1').create());
      await run(admin.user('dev2').create());
      const devs = admin.group('developers');
      expect((await run(devs.create({ description: 'all developers' }))).id).toBe('developers');
      expect((await run(devs.create({ existOk: true }))).id).toBe('developers');
      await run(devs.addMember('dev1'));
      await run(devs.addMember('dev2'));
      expect((await all(devs.members())).map((u) => u.id)).toEqual(['dev1', 'dev2']);

      const read = admin.policy('read-all');
      const statement = [{ effect: 'allow', resource: '*', action: ['fs:Read*', 'fs:List*'] }];
      expect((await run(read.create(statement))).statement).toEqual(statement);
      const write = admin.policy('write-main');
      await run(
        write.create([{ effect: 'allow', resource: 'arn:lakefs:fs:::repository/r/*', action: ['fs:*'] }]),
      );
      await run(devs.attachPolicy('read-all'));
      await run(admin.user('dev1').attachPolicy('write-main'));

      expect((await all(admin.user('dev1').groups())).map((g) => g.id)).toEqual(['developers']);
      expect((await all(admin.user('dev1').policies())).map((p) => p.id)).toEqual(['write-main']);
      expect((await all(admin.user('dev1').policies({ effective: true }))).map((p) => p.id)).toEqual([
        'read-all',
        'write-main',
      ]);
      expect((await all(devs.policies())).map((p) => p.id)).toEqual(['read-all']);

      const updated = await run(
        read.update([{ effect: 'deny', resource: '*', action: ['fs:DeleteObject'] }]),
      );
      expect(updated.statement[0]?.effect).toBe('deny');
      await run(devs.removeMember('dev2'));
      expect((await all(devs.members())).map((u) => u.id)).toEqual(['dev1']);
      await run(read.delete());
      expect((await all(devs.policies())).map((p) => p.id)).toEqual([]);
      await run(devs.delete());
      await expect(run(devs.get())).rejects.toBeInstanceOf(NotFoundError);
      await expect(run(devs.delete({ missingOk: true }))).resolves.toBeUndefined();
      // what remains besides lakeFS's built-in groups and policies (created at setup)
      expect((await all(admin.groups())).map((g) => g.id)).toEqual(BUILTIN_GROUPS);
      const policies = (await all(admin.policies())).map((p) => p.id);
      expect(policies.filter((id) => !BUILTIN_POLICIES.includes(id))).toEqual(['write-main']);
    },
  );
});
