import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteObjectsError, NotAuthorizedError, type LakeFS } from '../../src';
import { againstRealLakeFS, itLocal, startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

/** The error a refused request fails with (undefined when it succeeded). */
const failure = (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Expects lakeFS's refusal of an authenticated caller: 401 `insufficient permissions: …`. */
async function refused(work: Promise<unknown>, message: string): Promise<void> {
  const error = await failure(work);
  expect(error).toBeInstanceOf(NotAuthorizedError);
  expect((error as NotAuthorizedError).serverMessage).toBe(message);
}

// The shared real lakeFS runs lakeFS's single-user auth (groups and policies answer 501, a second user
// cannot be created), so most observations are the local server's; the rules and messages follow lakeFS's
// authorizer (effective policies of the user and its groups, deny wins, wildcards in actions and ARNs).
// `itRbac` ones also run against a lakeFS with users (LAKEFS_TEST_RBAC=1), e.g. one backed by lakeFS's
// ACL server (`rbac: simplified`), which manages users and groups but not policies.
const itRbac: jest.It = !againstRealLakeFS || process.env.LAKEFS_TEST_RBAC === '1' ? it : it.skip;

describe('policies are enforced per request, like lakeFS RBAC', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  let serial = 0;
  const users: string[] = [];
  afterAll(async () => {
    for (const id of users)
      await run(target.lakefs.admin().user(id).delete({ missingOk: true })).catch(() => undefined);
  });
  /** A new user with a key pair, and a client signed in as that user. */
  async function newUser(label: string): Promise<{ id: string; client: LakeFS }> {
    const id = target.repoId(`${label}-${++serial}`);
    users.push(id);
    const user = target.lakefs.admin().user(id);
    await run(user.create());
    const key = await run(user.createAccessKey());
    return { id, client: target.client(key) };
  }
  async function policy(id: string, statement: { effect: string; resource: string; action: string[] }[]) {
    await run(target.lakefs.admin().policy(id).create(statement));
    return id;
  }

  itRbac('a user without policies is authenticated but may do nothing', async () => {
    const repo = await repos.create('rbac-none');
    const { id, client } = await newUser('nobody');
    expect((await run(client.currentUser())).id).toBe(id);
    await refused(
      run(client.repository(repo.id).properties()),
      'insufficient permissions: not allowed to fs:ReadRepository',
    );
    await refused(all(client.repositories()), 'insufficient permissions');
    await refused(
      run(client.repository(repo.id).branch('main').object('x').upload('x')),
      'insufficient permissions: not allowed to fs:WriteObject',
    );
    await refused(all(client.admin().users()), 'insufficient permissions: not allowed to auth:ListUsers');
  });

  itLocal('a read-only policy allows reads and listings, and refuses writes', async () => {
    const repo = await repos.create('rbac-ro');
    await run(repo.branch('main').object('data/a.txt').upload('hello'));
    const { id, client } = await newUser('reader');
    await run(
      target.lakefs
        .admin()
        .user(id)
        .attachPolicy(
          await policy(`ro-${serial}`, [
            { effect: 'allow', resource: '*', action: ['fs:Read*', 'fs:List*'] },
          ]),
        ),
    );
    const main = client.repository(repo.id).branch('main');
    expect(await run(main.object('data/a.txt').text())).toBe('hello');
    expect((await all(main.objects())).map((o) => o.path)).toEqual(['data/a.txt']);
    expect((await all(client.repositories())).map((r) => r.id)).toContain(repo.id);
    await refused(
      run(main.object('data/b.txt').upload('x')),
      'insufficient permissions: not allowed to fs:WriteObject',
    );
    await refused(
      run(main.commit('nope', { allowEmpty: true })),
      'insufficient permissions: not allowed to fs:CreateCommit',
    );
    await refused(
      run(client.repository(repo.id).delete()),
      'insufficient permissions: not allowed to fs:DeleteRepository',
    );
  });

  itLocal(
    'resources are ARNs with wildcards, and lists show only the repositories a user may list',
    async () => {
      const open = await repos.create('rbac-arn-open');
      const closed = await repos.create('rbac-arn-closed');
      await run(open.branch('main').object('public/p.txt').upload('p'));
      await run(open.branch('main').object('private/s.txt').upload('s'));
      const { id, client } = await newUser('scoped');
      await run(
        target.lakefs
          .admin()
          .user(id)
          .attachPolicy(
            await policy(`scoped-${serial}`, [
              {
                effect: 'allow',
                resource: `arn:lakefs:fs:::repository/${open.id}/object/public/*`,
                action: ['fs:ReadObject'],
              },
              {
                effect: 'allow',
                resource: `arn:lakefs:fs:::repository/${open.id}`,
                action: ['fs:ListRepositories'],
              },
            ]),
          ),
      );
      const main = client.repository(open.id).branch('main');
      expect(await run(main.object('public/p.txt').text())).toBe('p');
      await refused(
        run(main.object('private/s.txt').text()),
        'insufficient permissions: not allowed to fs:ReadObject',
      );
      const visible = (await all(client.repositories())).map((r) => r.id);
      expect(visible).toEqual([open.id]);
      expect(visible).not.toContain(closed.id);
    },
  );

  itLocal('group policies apply to members; a deny wins over any allow', async () => {
    const repo = await repos.create('rbac-deny');
    await run(repo.branch('main').object('secret/k.txt').upload('k'));
    await run(repo.branch('main').object('open/o.txt').upload('o'));
    const { id, client } = await newUser('viewer');
    // lakeFS's built-in Viewers group: read everything, manage one's own keys
    await run(target.lakefs.admin().group('Viewers').addMember(id));
    const main = client.repository(repo.id).branch('main');
    expect(await run(main.object('secret/k.txt').text())).toBe('k');
    await run(
      target.lakefs
        .admin()
        .user(id)
        .attachPolicy(
          await policy(`deny-${serial}`, [
            {
              effect: 'deny',
              resource: `arn:lakefs:fs:::repository/${repo.id}/object/secret/*`,
              action: ['fs:Read*'],
            },
          ]),
        ),
    );
    await refused(
      run(main.object('secret/k.txt').text()),
      'insufficient permissions: denied permission to fs:Read*',
    );
    expect(await run(main.object('open/o.txt').text())).toBe('o');
    await refused(
      run(main.object('open/w.txt').upload('w')),
      'insufficient permissions: not allowed to fs:WriteObject',
    );
    await run(target.lakefs.admin().group('Viewers').removeMember(id));
    await refused(
      run(main.object('open/o.txt').text()),
      'insufficient permissions: not allowed to fs:ReadObject',
    );
  });

  itLocal('${user} in a resource names the caller: own keys only', async () => {
    const { id, client } = await newUser('selfservice');
    const other = await newUser('other');
    await run(target.lakefs.admin().group('Viewers').addMember(id));
    const mine = await run(client.admin().user(id).createAccessKey());
    expect((await all(client.admin().user(id).accessKeys())).map((k) => k.accessKeyId)).toContain(
      mine.accessKeyId,
    );
    await refused(
      run(client.admin().user(other.id).createAccessKey()),
      'insufficient permissions: not allowed to auth:CreateCredentials',
    );
  });

  itRbac('a batch delete by a user who may delete nothing answers 401 and deletes nothing', async () => {
    const repo = await repos.create('rbac-batch-none');
    const main = repo.branch('main');
    await run(main.object('tmp/a').upload('a'));
    const { client } = await newUser('nodelete');
    const error = await failure(
      run(client.repository(repo.id).branch('main').deleteObjects(['tmp/a', 'tmp/b'])),
    );
    expect(error).toBeInstanceOf(NotAuthorizedError);
    expect((await all(main.objects())).map((o) => o.path)).toEqual(['tmp/a']);
  });

  itLocal('a batch delete removes the permitted paths and answers 401 for the others', async () => {
    const repo = await repos.create('rbac-batch');
    const main = repo.branch('main');
    await run(main.object('tmp/a').upload('a'));
    await run(main.object('keep/b').upload('b'));
    const { id, client } = await newUser('cleaner');
    await run(
      target.lakefs
        .admin()
        .user(id)
        .attachPolicy(
          await policy(`cleaner-${serial}`, [
            { effect: 'allow', resource: '*', action: ['fs:Read*', 'fs:List*'] },
            {
              effect: 'allow',
              resource: `arn:lakefs:fs:::repository/${repo.id}/object/tmp/*`,
              action: ['fs:DeleteObject'],
            },
          ]),
        ),
    );
    const error = await failure(
      run(client.repository(repo.id).branch('main').deleteObjects(['tmp/a', 'keep/b'])),
    );
    expect(error).toBeInstanceOf(NotAuthorizedError);
    expect(error).not.toBeInstanceOf(DeleteObjectsError);
    expect((await all(main.objects())).map((o) => o.path)).toEqual(['keep/b']);
  });

  itLocal('the admin from setup keeps full access; a new member of Admins gets it too', async () => {
    const repo = await repos.create('rbac-admin');
    expect((await all(target.lakefs.admin().group('Admins').members())).length).toBeGreaterThan(0);
    const { id, client } = await newUser('second-admin');
    await run(target.lakefs.admin().group('Admins').addMember(id));
    await run(client.repository(repo.id).branch('main').object('x').upload('x'));
    await run(client.repository(repo.id).branch('main').commit('by a second admin'));
    expect((await all(client.admin().users())).map((u) => u.id)).toContain(id);
  });

  itLocal('refuses policies lakeFS would not store', async () => {
    const admin = target.lakefs.admin();
    await expect(
      run(
        admin.policy('bad-service').create([{ effect: 'allow', resource: '*', action: ['fsx:ReadObject'] }]),
      ),
    ).rejects.toThrow(/invalid service name/);
    await expect(
      run(admin.policy('bad-arn').create([{ effect: 'allow', resource: 'repository/x', action: ['fs:*'] }])),
    ).rejects.toThrow(/ARN/);
  });

  itLocal(
    'hooks run only for a permitted caller: a refused branch creation calls no pre-create-branch hook',
    async () => {
      const calls: string[] = [];
      const hook = createServer((req, res) => {
        calls.push(req.url ?? '');
        req.resume();
        res.end('ok');
      });
      await new Promise<void>((ok) => hook.listen(0, '127.0.0.1', ok));
      try {
        const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
        const repo = await repos.create('rbac-hooks');
        await run(
          repo
            .branch('main')
            .object('_lakefs_actions/watch.yaml')
            .upload(
              `name: watch\non:\n  pre-create-branch:\nhooks:\n  - id: w\n    type: webhook\n    properties:\n      url: "${url}"\n`,
            ),
        );
        const { client } = await newUser('nobranch');
        await refused(
          run(client.repository(repo.id).branch('b1').create('main')),
          'insufficient permissions: not allowed to fs:CreateBranch',
        );
        expect(calls).toEqual([]);
        await run(repo.branch('b2').create('main'));
        expect(calls).toEqual(['/hook']);
      } finally {
        await new Promise((ok) => hook.close(ok));
      }
    },
  );
});
