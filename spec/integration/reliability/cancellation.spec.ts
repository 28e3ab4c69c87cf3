import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observable, filter, from, lastValueFrom, take } from 'rxjs';
import { existsSync } from 'node:fs';
import { downloadToFile } from '../../../src/node';
import { type LakeFS, type Repository, pollUntilDone, toAsyncIterable } from '../../../src';
import type { FaultMatcher, LocalServer, ServerRequestEvent } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, failureOf, nextEvent, on, recordRequests, txBranches } from './support';

/** One public operation and the request of it that the server holds ('hang') until the client gives up. */
interface Case {
  readonly name: string;
  readonly match: (repo: string) => FaultMatcher;
  readonly run: (lakefs: LakeFS, repo: Repository) => Observable<unknown>;
}

const api = '/api/v1/repositories';
const exact =
  (method: string, path: (repo: string) => string) =>
  (repo: string): FaultMatcher =>
  (m, p) =>
    m === method && p === path(repo);

const CASES: readonly Case[] = [
  {
    name: 'lakefs.repositories()',
    match: () => on('GET', /^\/api\/v1\/repositories$/),
    run: (l) => l.repositories(),
  },
  { name: 'lakefs.currentUser()', match: () => on('GET', '/api/v1/user'), run: (l) => l.currentUser() },
  { name: 'lakefs.version()', match: () => on('GET', '/api/v1/config/version'), run: (l) => l.version() },
  {
    name: 'lakefs.storageConfig()',
    match: () => on('GET', '/api/v1/config/storage'),
    run: (l) => l.storageConfig(),
  },
  { name: 'lakefs.login()', match: () => on('POST', '/api/v1/auth/login'), run: (l) => l.login() },
  {
    name: 'repository.create()',
    match: () => on('POST', /^\/api\/v1\/repositories$/),
    run: (l) => l.repository('never-created').create({ storageNamespace: 'local://never-created' }),
  },
  {
    name: 'repository.properties()',
    match: exact('GET', (r) => `${api}/${r}`),
    run: (_l, r) => r.properties(),
  },
  {
    name: 'repository.metadata()',
    match: exact('GET', (r) => `${api}/${r}/metadata`),
    run: (_l, r) => r.metadata(),
  },
  { name: 'repository.delete()', match: exact('DELETE', (r) => `${api}/${r}`), run: (_l, r) => r.delete() },
  {
    name: 'repository.branches()',
    match: exact('GET', (r) => `${api}/${r}/branches`),
    run: (_l, r) => r.branches(),
  },
  { name: 'repository.tags()', match: exact('GET', (r) => `${api}/${r}/tags`), run: (_l, r) => r.tags() },
  {
    name: 'branch.create()',
    match: exact('POST', (r) => `${api}/${r}/branches`),
    run: (_l, r) => r.branch('never').create('main'),
  },
  {
    name: 'branch.delete()',
    match: exact('DELETE', (r) => `${api}/${r}/branches/side`),
    run: (_l, r) => r.branch('side').delete(),
  },
  {
    name: 'branch.head()',
    match: exact('GET', (r) => `${api}/${r}/branches/main`),
    run: (_l, r) => r.branch('main').head(),
  },
  {
    name: 'ref.getCommit()',
    match: exact('GET', (r) => `${api}/${r}/commits/v1`),
    run: (_l, r) => r.ref('v1').getCommit(),
  },
  {
    name: 'ref.log()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/commits`),
    run: (_l, r) => r.branch('main').log(),
  },
  {
    name: 'ref.objects()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/objects/ls`),
    run: (_l, r) => r.branch('main').objects(),
  },
  {
    name: 'ref.diff()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/diff/side`),
    run: (_l, r) => r.branch('main').diff('side'),
  },
  {
    name: 'ref.mergeInto()',
    match: exact('POST', (r) => `${api}/${r}/refs/side/merge/main`),
    run: (_l, r) => r.branch('side').mergeInto('main'),
  },
  {
    name: 'branch.commit()',
    match: exact('POST', (r) => `${api}/${r}/branches/main/commits`),
    run: (_l, r) => r.branch('main').commit('never', { allowEmpty: true }),
  },
  {
    name: 'branch.revert()',
    match: exact('POST', (r) => `${api}/${r}/branches/main/revert`),
    run: (_l, r) => r.branch('main').revert('main'),
  },
  {
    name: 'branch.cherryPick()',
    match: exact('POST', (r) => `${api}/${r}/branches/main/cherry-pick`),
    run: (_l, r) => r.branch('main').cherryPick('side'),
  },
  {
    name: 'branch.uncommitted()',
    match: exact('GET', (r) => `${api}/${r}/branches/main/diff`),
    run: (_l, r) => r.branch('main').uncommitted(),
  },
  {
    name: 'branch.resetChanges()',
    match: exact('PUT', (r) => `${api}/${r}/branches/main`),
    run: (_l, r) => r.branch('main').resetChanges(),
  },
  {
    name: 'branch.deleteObjects()',
    match: exact('POST', (r) => `${api}/${r}/branches/main/objects/delete`),
    run: (_l, r) => r.branch('main').deleteObjects(['a.txt']),
  },
  {
    name: 'object.stat()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/objects/stat`),
    run: (_l, r) => r.branch('main').object('a.txt').stat(),
  },
  {
    name: 'object.exists()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/objects/stat`),
    run: (_l, r) => r.branch('main').object('a.txt').exists(),
  },
  {
    name: 'object.read()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/objects`),
    run: (_l, r) => r.branch('main').object('a.txt').read(),
  },
  {
    name: 'object.text()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/objects`),
    run: (_l, r) => r.branch('main').object('a.txt').text(),
  },
  {
    name: 'object.readStream()',
    match: exact('GET', (r) => `${api}/${r}/refs/main/objects`),
    run: (_l, r) => fromStream(r.branch('main').object('a.txt').readStream()),
  },
  {
    name: 'object.upload()',
    match: exact('POST', (r) => `${api}/${r}/branches/main/objects`),
    run: (_l, r) => r.branch('main').object('never.txt').upload('never'),
  },
  {
    name: 'object.copy()',
    match: exact('POST', (r) => `${api}/${r}/branches/main/objects/copy`),
    run: (_l, r) => r.branch('main').object('a.txt').copy('main', 'never-copy.txt'),
  },
  {
    name: 'object.delete()',
    match: exact('DELETE', (r) => `${api}/${r}/branches/main/objects`),
    run: (_l, r) => r.branch('main').object('a.txt').delete(),
  },
  {
    name: 'object.updateMetadata()',
    match: exact('PUT', (r) => `${api}/${r}/branches/main/objects/stat/user_metadata`),
    run: (_l, r) => r.branch('main').object('a.txt').updateMetadata({ k: 'v' }),
  },
  {
    name: 'tag.create()',
    match: exact('POST', (r) => `${api}/${r}/tags`),
    run: (_l, r) => r.tag('never').create('main'),
  },
  {
    name: 'tag.delete()',
    match: exact('DELETE', (r) => `${api}/${r}/tags/v1`),
    run: (_l, r) => r.tag('v1').delete(),
  },
  {
    name: 'branch.importStatus()',
    match: exact('GET', (r) => `${api}/${r}/branches/main/import`),
    run: (_l, r) => r.branch('main').importStatus('cmrv0000000000000000'),
  },
  {
    name: 'branch.watchImport()',
    match: exact('GET', (r) => `${api}/${r}/branches/main/import`),
    run: (_l, r) => r.branch('main').watchImport('cmrv0000000000000001'),
  },
];

/** An Observable over a web stream that reads it and cancels it when unsubscribed. */
function fromStream(stream: ReadableStream<Uint8Array>): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const reader = stream.getReader();
    const pump = (): void => {
      reader.read().then(
        ({ done, value }) => {
          if (done) subscriber.complete();
          else {
            subscriber.next(value);
            pump();
          }
        },
        (error: unknown) => subscriber.error(error),
      );
    };
    pump();
    return () => {
      reader.cancel().catch(() => undefined);
    };
  });
}

/** Resolves once `check` answers true, asking again every few milliseconds. */
const untilTrue = (check: () => Promise<boolean>): Promise<unknown> =>
  lastValueFrom(pollUntilDone(() => from(check()), { isDone: (ok) => ok, intervalMs: 5 }));

/** Fails clearly instead of waiting for the jest timeout when `promise` does not settle in time. */
function within<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_ok, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/** Subscribes, waits until the server holds the matching request, unsubscribes, and waits for its abort. */
async function expectAbortOnUnsubscribe(
  server: LocalServer,
  match: FaultMatcher,
  source: Observable<unknown>,
): Promise<void> {
  const arrived = nextEvent(server, 'request', match);
  const aborted = nextEvent(server, 'aborted', match);
  const subscription = source.subscribe({ error: () => undefined });
  await within(arrived, 'the request did not arrive');
  subscription.unsubscribe();
  await within(aborted, 'the server did not see the request aborted');
}

describe('unsubscribing mid-flight aborts the request', () => {
  let target: TestTarget;
  let repo: Repository;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'lakefs-rx-cancel-'));
    for (let i = 0; i < 200; i++) writeFileSync(join(root, `f${i}.txt`), `file ${i}`);
    target = await startTarget({ importRoots: [root] });
    repo = target.lakefs.repository(target.repoId('cancel'));
    await lastValueFrom(repo.create());
    const main = repo.branch('main');
    await lastValueFrom(main.object('a.txt').upload('a'));
    await lastValueFrom(main.commit('seed'));
    await lastValueFrom(repo.tag('v1').create('main'));
    await lastValueFrom(repo.branch('side').create('main'));
    await lastValueFrom(repo.branch('side').object('s.txt').upload('s'));
    await lastValueFrom(repo.branch('side').commit('side'));
  });
  afterEach(() => target.server?.faults.clear());
  afterAll(async () => {
    await target.close();
    rmSync(root, { recursive: true, force: true });
  });

  for (const c of CASES) {
    itLocal(`${c.name}`, async () => {
      const server = target.server!;
      const match = c.match(repo.id);
      server.faults.inject('hang', { match });
      await expectAbortOnUnsubscribe(server, match, c.run(target.lakefs, repo));
    });
  }

  itLocal('nothing the aborted writes would have done happened', async () => {
    const main = repo.branch('main');
    expect((await all(main.objects())).map((o) => o.path)).toEqual(['a.txt']);
    expect(await lastValueFrom(main.object('a.txt').stat())).toMatchObject({ metadata: {} });
    expect((await all(main.log())).map((c) => c.message)).toEqual(['seed', 'Repository created']);
    expect((await all(repo.branches())).map((b) => b.id)).toEqual(['main', 'side']);
    expect((await all(repo.tags())).map((t) => t.id)).toEqual(['v1']);
    expect(await all(target.lakefs.repositories({ prefix: 'never' }))).toEqual([]);
  });

  itLocal('importData().start() aborts its request', async () => {
    const match = exact('POST', (r) => `${api}/${r}/branches/main/import`)(repo.id);
    target.server!.faults.inject('hang', { match });
    await expectAbortOnUnsubscribe(
      target.server!,
      match,
      repo.branch('main').importData().prefix(`local://${root}/`, 'in/').start(),
    );
  });

  itLocal(
    'importData().run() unsubscribed while polling aborts the poll and cancels the import',
    async () => {
      const server = target.server!;
      const other = target.lakefs.repository(target.repoId('cancel-run'));
      await lastValueFrom(other.create());
      const status = exact('GET', (r) => `${api}/${r}/branches/main/import`)(other.id);
      const cancel = exact('DELETE', (r) => `${api}/${r}/branches/main/import`)(other.id);
      server.faults.inject('hang', { match: status });
      const cancelled = nextEvent(server, 'request', cancel);
      const manager = other.branch('main').importData().prefix(`local://${root}/`, 'in/');
      await expectAbortOnUnsubscribe(server, status, manager.run({ pollIntervalMs: 5 }));
      await within(cancelled, 'the import was not cancelled');
    },
  );

  itLocal(
    'importData().run() unsubscribed during a slow start still cancels the import it started',
    async () => {
      const server = target.server!;
      const other = target.lakefs.repository(target.repoId('cancel-start'));
      await lastValueFrom(other.create());
      const start = exact('POST', (r) => `${api}/${r}/branches/main/import`)(other.id);
      const cancel = exact('DELETE', (r) => `${api}/${r}/branches/main/import`)(other.id);
      // The start must not be aborted (its id is needed to cancel), so it is slowed down, not held.
      server.faults.inject('latency', { match: start, latencyMs: 100 });
      const arrived = nextEvent(server, 'request', start);
      const cancelled = nextEvent(server, 'request', cancel);
      const recording = recordRequests(server);
      const subscription = other
        .branch('main')
        .importData()
        .prefix(`local://${root}/`, 'in/')
        .run({ pollIntervalMs: 5 })
        .subscribe({ error: () => undefined });
      await within(arrived, 'the start did not arrive');
      subscription.unsubscribe();
      await within(cancelled, 'the import was not cancelled');
      recording.stop();
      expect(recording.count(start)).toBe(1);
    },
  );

  itLocal('transact() unsubscribed during a slow branch creation leaves no tx- branch', async () => {
    const server = target.server!;
    const other = target.lakefs.repository(target.repoId('cancel-tx'));
    await lastValueFrom(other.create());
    const create = exact('POST', (r) => `${api}/${r}/branches`)(other.id);
    const remove: FaultMatcher = (m, p) => m === 'DELETE' && p.startsWith(`${api}/${other.id}/branches/tx-`);
    server.faults.inject('latency', { match: create, latencyMs: 100 });
    const arrived = nextEvent(server, 'request', create);
    const removed = nextEvent(server, 'request', remove);
    const subscription = other
      .branch('main')
      .transact((tx) => tx.object('x').upload('x'))
      .subscribe({ error: () => undefined });
    await within(arrived, 'the create did not arrive');
    subscription.unsubscribe();
    await within(removed, 'the transaction branch was not deleted');
    await within(
      untilTrue(async () => (await txBranches(other)).length === 0),
      'the tx- branch is still there',
    );
    expect((await all(other.branch('main').log())).map((c) => c.message)).toEqual(['Repository created']);
  });

  itLocal('an upload aborted while the server delays it stores nothing', async () => {
    const server = target.server!;
    const match = exact('POST', (r) => `${api}/${r}/branches/main/objects`)(repo.id);
    server.faults.inject('latency', { match, latencyMs: 100 });
    await expectAbortOnUnsubscribe(
      server,
      match,
      repo
        .branch('main')
        .object('delayed.bin')
        .upload(new Uint8Array(4 * 1024 * 1024)),
    );
    // A later request held longer than the upload's delay is answered after the delayed upload handler ran.
    const stat = exact('GET', (r) => `${api}/${r}/refs/main/objects/stat`)(repo.id);
    server.faults.inject('latency', { match: stat, latencyMs: 200 });
    await lastValueFrom(repo.branch('main').object('a.txt').stat());
    expect(await failureOf(repo.branch('main').object('delayed.bin').stat())).toBeDefined();
  });

  itLocal(
    'downloadToFile() unsubscribed mid-transfer aborts the request and removes the partial file',
    async () => {
      const server = target.server!;
      const other = target.lakefs.repository(target.repoId('cancel-download'));
      await lastValueFrom(other.create());
      const object = other.branch('main').object('big.bin');
      await lastValueFrom(object.upload(new Uint8Array(32 * 1024 * 1024)));
      const file = join(root, 'partial.bin');
      const match = exact('GET', (r) => `${api}/${r}/refs/main/objects`)(other.id);
      const aborted = nextEvent(server, 'aborted', match);
      await lastValueFrom(
        downloadToFile(object, file, { reportProgress: true }).pipe(
          filter((e) => e.type === 'progress'),
          take(1),
        ),
      );
      await within(aborted, 'the download was not aborted');
      await within(
        untilTrue(() => Promise.resolve(!existsSync(file))),
        'the partial file is still there',
      );
    },
  );

  itLocal('returning from toAsyncIterable() while a page is in flight aborts it', async () => {
    const server = target.server!;
    const ls = exact('GET', (r) => `${api}/${r}/refs/side/objects/ls`)(repo.id);
    let listings = 0;
    const count = (e: ServerRequestEvent): void => {
      if (ls(e.method, new URL(e.url, 'http://x').pathname)) listings += 1;
    };
    server.events.on('request', count);
    // Let the first page through; hold the second.
    server.faults.inject('hang', { match: (m, p) => ls(m, p) && listings === 2 });
    const aborted = nextEvent(server, 'aborted', ls);
    const secondPage = nextEvent(server, 'request', (m, p) => ls(m, p) && listings === 2);
    // A listing is pulled: the second page is asked for only when the loop wants the second row.
    const rows = toAsyncIterable(repo.branch('side').objects({ pageSize: 1 }))[Symbol.asyncIterator]();
    expect((await rows.next()).value).toMatchObject({ path: 'a.txt' });
    expect(listings).toBe(1);
    const second = rows.next();
    await within(secondPage, 'the second page was not requested');
    await rows.return!();
    await within(aborted, 'the second page was not aborted');
    await expect(second).resolves.toEqual({ value: undefined, done: true });
    server.events.off('request', count);
  });
});
