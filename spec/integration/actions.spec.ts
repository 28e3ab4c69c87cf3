import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PreconditionFailedError } from '../../src';
import { startTarget, type TestTarget } from '../support/testLakeFS';
import { all, repoFixture, run } from './helpers/repoFixture';

/** A webhook receiver on loopback: `/fail…` answers 500, anything else 200; records what it got. */
async function hookServer(): Promise<{
  url: string;
  received: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}> {
  const received: { path: string; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text || '{}') as Record<string, unknown> });
      const fail = (req.url ?? '').startsWith('/fail');
      res.writeHead(fail ? 500 : 200);
      res.end(fail ? 'hook says no' : 'fine');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

const action = (name: string, event: string, branch: string, url: string): string =>
  `name: ${name}\non:\n  ${event}:\n    branches: ["${branch}"]\nhooks:\n  - id: ${name}-hook\n    type: webhook\n    properties:\n      url: "${url}"\n`;

describe('actions: webhook hooks on commit and merge, runs and their output', () => {
  let target: TestTarget;
  let hooks: Awaited<ReturnType<typeof hookServer>>;
  beforeAll(async () => {
    target = await startTarget();
    hooks = await hookServer();
  });
  afterAll(async () => {
    await hooks.close();
    await target.close();
  });
  const repos = repoFixture(() => target);

  it('a failing pre-commit hook blocks the commit with 412; its run, hook and output are readable', async () => {
    const repo = await repos.create('hooks-pre');
    const main = repo.branch('main');
    await run(
      main
        .object('_lakefs_actions/gate.yaml')
        .upload(action('gate', 'pre-commit', 'guarded', `${hooks.url}/fail`)),
    );
    await run(main.commit('add the gate'));
    const guarded = await run(repo.branch('guarded').create('main'));
    await run(guarded.object('data.csv').upload('a,b'));
    const error = await run(guarded.commit('blocked')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).serverMessage).toMatch(
      /^pre-commit hook aborted, run id '[^']+': 1 error occurred:\n\t\* hook run id '0000_0000' failed on action 'gate' hook 'gate-hook': action failed: webhook request failed \(status code: 500\)/,
    );
    // nothing was committed: the change is still uncommitted
    expect((await all(guarded.uncommitted())).map((c) => c.path)).toEqual(['data.csv']);

    const runs = await all(guarded.actionRuns().list());
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      branch: 'guarded',
      eventType: 'pre-commit',
      status: 'failed',
      commitId: '',
    });
    const handle = repo.actionRuns().run(runs[0]!.runId);
    expect((await run(handle.get())).runId).toBe(runs[0]!.runId);
    const hookRuns = await all(handle.hooks());
    expect(hookRuns).toEqual([
      expect.objectContaining({
        hookRunId: '0000_0000',
        action: 'gate',
        hookId: 'gate-hook',
        status: 'failed',
      }),
    ]);
    expect(await run(handle.hookOutput('0000_0000'))).toContain('hook says no');
    const sent = hooks.received.find((r) => r.body.commit_message === 'blocked');
    expect(sent?.body).toMatchObject({
      event_type: 'pre-commit',
      branch_id: 'guarded',
      action_name: 'gate',
      repository_id: repo.id,
    });
  });

  it('post-commit hooks run after the commit; follow() completes when the commit runs finished; pre-merge can block a merge', async () => {
    const repo = await repos.create('hooks-post');
    const main = repo.branch('main');
    await run(
      main
        .object('_lakefs_actions/notify.yaml')
        .upload(action('notify', 'post-commit', 'work', `${hooks.url}/ok`)),
    );
    await run(
      main
        .object('_lakefs_actions/merge-gate.yaml')
        .upload(action('mgate', 'pre-merge', 'main', `${hooks.url}/fail-merge`)),
    );
    await run(main.commit('actions'));
    const work = await run(repo.branch('work').create('main'));
    await run(work.object('x').upload('x'));
    const commit = await run(work.commit('work done'));
    const followed = await all(repo.actionRuns().follow(commit.id, { intervalMs: 50 }));
    const last = followed[followed.length - 1]!;
    expect(last).toEqual([
      expect.objectContaining({ eventType: 'post-commit', status: 'completed', commitId: commit.id }),
    ]);
    expect(
      hooks.received.some((r) => r.body.event_type === 'post-commit' && r.body.commit_id === commit.id),
    ).toBe(true);

    const merge = await run(repo.ref('work').mergeInto('main')).catch((e: unknown) => e);
    expect(merge).toBeInstanceOf(PreconditionFailedError);
    expect((merge as PreconditionFailedError).serverMessage).toMatch(
      /^update branch main: pre-merge hook aborted, run id '[^']+': 1 error occurred:/,
    );
    await expect(run(main.object('x').exists())).resolves.toBe(false);
  });

  it('any file under _lakefs_actions/ is an action, whatever its name; pre-create-branch can block a branch', async () => {
    const repo = await repos.create('hooks-branch');
    const main = repo.branch('main');
    // staged, not committed: lakeFS reads the actions of the source ref, uncommitted changes included
    await run(
      main
        .object('_lakefs_actions/no-extension')
        .upload(action('branch-gate', 'pre-create-branch', 'blocked-*', `${hooks.url}/fail-branch`)),
    );
    const error = await run(repo.branch('blocked-1').create('main')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).serverMessage).toMatch(/^pre-create-branch hook aborted/);
    expect((await all(repo.branches())).map((b) => b.id)).not.toContain('blocked-1');
    // a branch the action's patterns do not match is created
    await run(repo.branch('open-1').create('main'));
    expect(hooks.received.filter((r) => r.path === '/fail-branch')).toHaveLength(1);
  });
});
