import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { ConflictError, NotAuthorizedError, NotFoundError, ValidationError } from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';

describe('repositories', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('creates, gets, lists and deletes a repository', async () => {
    const id = target.repoId('crud');
    const repo = target.lakefs.repository(id);
    const created = await lastValueFrom(repo.create({ storageNamespace: `local://${id}` }));
    expect(created).toMatchObject({
      id,
      defaultBranch: 'main',
      storageNamespace: `local://${id}`,
      readOnly: false,
    });
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(await lastValueFrom(repo.properties())).toEqual(created);
    const listed = await lastValueFrom(target.lakefs.repositories({ prefix: id }).pipe(toArray()));
    expect(listed.map((r) => r.id)).toEqual([id]);
    const branches = await lastValueFrom(repo.branches().pipe(toArray()));
    expect(branches.map((b) => b.id)).toEqual(['main']);
    await lastValueFrom(repo.delete());
    await expect(lastValueFrom(repo.properties())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('derives the storage namespace from the server default when none is given', async () => {
    const id = target.repoId('ns');
    const created = await lastValueFrom(target.lakefs.repository(id).create({ defaultBranch: 'trunk' }));
    expect(created.storageNamespace).toMatch(new RegExp(`${id}$`));
    expect(created.defaultBranch).toBe('trunk');
    await lastValueFrom(target.lakefs.repository(id).delete());
  });

  it('fails with ConflictError on a duplicate and returns the existing one with existOk', async () => {
    const id = target.repoId('dup');
    const repo = target.lakefs.repository(id);
    const first = await lastValueFrom(repo.create());
    const error = await lastValueFrom(repo.create({ storageNamespace: `local://${id}-other` })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).method).toBe('POST');
    expect(await lastValueFrom(repo.create({ existOk: true, storageNamespace: `local://${id}-x` }))).toEqual(
      first,
    );
    await lastValueFrom(repo.delete());
  });

  it('fails with NotFoundError for an unknown repository, and missingOk makes delete idempotent', async () => {
    const repo = target.lakefs.repository(target.repoId('missing'));
    await expect(lastValueFrom(repo.properties())).rejects.toBeInstanceOf(NotFoundError);
    await expect(lastValueFrom(repo.delete())).rejects.toBeInstanceOf(NotFoundError);
    await expect(lastValueFrom(repo.delete({ missingOk: true }))).resolves.toBeUndefined();
  });

  it('reads and sets repository metadata', async () => {
    const id = target.repoId('meta');
    const repo = target.lakefs.repository(id);
    await lastValueFrom(repo.create());
    expect(await lastValueFrom(repo.metadata())).toEqual({});
    await lastValueFrom(repo.setMetadata({ owner: 'data-team' }));
    expect(await lastValueFrom(repo.metadata())).toEqual({ owner: 'data-team' });
    await lastValueFrom(repo.delete());
  });

  itLocal('rejects an invalid id before sending any request', async () => {
    let requests = 0;
    const count = (): void => {
      requests++;
    };
    target.server!.events.on('request', count);
    try {
      for (const bad of ['Bad_Name', 'ab', '-leading', 'x'.repeat(64)]) {
        const error = await lastValueFrom(target.lakefs.repository(bad).create()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as Error).message).toContain('repository id');
      }
      expect(requests).toBe(0);
    } finally {
      target.server!.events.off('request', count);
    }
  });

  it('is lazy: building handles makes no request, each subscription makes its own', async () => {
    const id = target.repoId('lazy');
    const created$ = target.lakefs.repository(id).create();
    await lastValueFrom(created$);
    await expect(lastValueFrom(created$)).rejects.toBeInstanceOf(ConflictError);
    await lastValueFrom(target.lakefs.repository(id).delete());
  });
});

describe('authentication', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('fails with NotAuthorizedError for a wrong key pair, without leaking the secret', async () => {
    const secret = 'wrong-secret-value-1234567890';
    const client = target.client({ accessKeyId: target.credentials.accessKeyId, secretAccessKey: secret });
    const error = await lastValueFrom(client.repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAuthorizedError);
    expect((error as NotAuthorizedError).status).toBe(401);
    expect(String(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  // lakeFS's API has no logout endpoint (GET /auth/logout is 404 `invalid API endpoint` on the real server and
  // now on the local one); the client's logout becomes client-side in its own change
  it('logs in, then calls with the bearer token', async () => {
    const client = target.client();
    const session = await lastValueFrom(client.login());
    expect(session.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    const user = await lastValueFrom(client.currentUser());
    expect(user.id).not.toBe('');
    await lastValueFrom(client.repositories().pipe(toArray()));
  });

  it('reports the server version and storage config', async () => {
    const version = await lastValueFrom(target.lakefs.version());
    expect(version.version).toEqual(expect.any(String));
    const storage = await lastValueFrom(target.lakefs.storageConfig());
    expect(storage.blockstoreType).toEqual(expect.any(String));
    expect(typeof storage.preSignSupport).toBe('boolean');
  });
});

describe('repository paging', () => {
  let target: TestTarget;
  const total = 2500;
  const ids: string[] = [];
  beforeAll(async () => {
    target = await startTarget();
    if (target.server === undefined) return;
    for (let i = 0; i < total; i++) ids.push(`page-${String(i).padStart(5, '0')}`);
    // create in parallel batches to keep setup short
    for (let i = 0; i < ids.length; i += 100) {
      await Promise.all(
        ids.slice(i, i + 100).map((id) => lastValueFrom(target.lakefs.repository(id).create())),
      );
    }
  }, 120_000);
  afterAll(() => target.close());

  itLocal('take(3) makes exactly one list request', async () => {
    const lists: string[] = [];
    const record = (e: { method: string; url: string }): void => {
      if (e.method === 'GET' && e.url.startsWith('/api/v1/repositories?')) lists.push(e.url);
    };
    target.server!.events.on('request', record);
    try {
      const first = await lastValueFrom(
        target.lakefs.repositories({ prefix: 'page-' }).pipe(take(3), toArray()),
      );
      expect(first.map((r) => r.id)).toEqual(ids.slice(0, 3));
      expect(lists).toHaveLength(1);
    } finally {
      target.server!.events.off('request', record);
    }
  });

  itLocal('the full stream yields every repository in order', async () => {
    const all = await lastValueFrom(
      target.lakefs.repositories({ prefix: 'page-', pageSize: 333 }).pipe(toArray()),
    );
    expect(all.map((r) => r.id)).toEqual(ids);
  });

  itLocal('maxAmount caps the total and after is exclusive', async () => {
    const some = await lastValueFrom(
      target.lakefs.repositories({ prefix: 'page-', after: ids[9], maxAmount: 5 }).pipe(toArray()),
    );
    expect(some.map((r) => r.id)).toEqual(ids.slice(10, 15));
    expect(await firstValueFrom(target.lakefs.repositories({ prefix: 'page-', maxAmount: 1 }))).toMatchObject(
      {
        id: ids[0],
      },
    );
  });
});
