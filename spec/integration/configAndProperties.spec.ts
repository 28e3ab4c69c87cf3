import { ObjectNotFoundError } from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { repoFixture, run } from './helpers/repoFixture';

describe('getConfig and underlying object properties', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());
  const repos = repoFixture(() => target);

  it('reads the whole server configuration in one call', async () => {
    const config = await run(target.lakefs.getConfig());
    expect(config.version_config?.version).toMatch(/\d+\.\d+/);
    expect(config.storage_config?.blockstore_type).toBe(
      (await run(target.lakefs.storageConfig())).blockstoreType,
    );
  });

  it("reads an object's underlying properties, and 404s a missing one", async () => {
    const repo = await repos.create('underlying');
    const main = repo.branch('main');
    await run(main.object('a.txt').upload('a'));
    expect(await run(main.object('a.txt').underlyingProperties())).toEqual({ storageClass: null });
    await expect(run(main.object('missing').underlyingProperties())).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
  });
});
