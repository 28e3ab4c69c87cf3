import { type Observable, lastValueFrom } from 'rxjs';
import {
  BadRequestError,
  type Branch,
  ImportManagerError,
  InvalidRangeError,
  type LakeFS,
  LakeFSError,
  NotFoundError,
  type ObjectInfo,
  type Repository,
  TimeoutError,
  TransactionError,
  ValidationError,
} from '../../../src';
import type { FaultMatcher } from '../../../src/server';
import { itLocal, startTarget, type TestTarget } from '../../support/testLakeFS';
import { all, failureOf, recordRequests } from './support';

/** Values that are not strings, passed where the types say string (as untyped callers do). */
const notString = (value: unknown): string => value as string;

const BAD_REPOSITORY_IDS = [
  '',
  'ab',
  'Upper',
  '-dash',
  'has space',
  'under_score',
  'dot.ted',
  'ünï',
  'a'.repeat(64),
];
const BAD_BRANCH_IDS = ['', '-dash', 'a/b', 'a.b', 'a~1', 'a^', 'x@', 'a b', 'ä', 'a:b', '$'];
const BAD_TAG_IDS = [
  '',
  '@',
  'v1.',
  'v1.lock',
  'a..b',
  'a/b',
  'a@{b',
  'a^',
  'a:b',
  'a b',
  'a?',
  'a*',
  'a[',
  'a\\b',
  'tab\t',
];
const BAD_REFS = ['', ' ', 'a b', 'main\n'];
const BAD_PATHS = ['', 'x'.repeat(1025), 'é'.repeat(513)];
const BAD_METADATA: readonly unknown[] = [
  [],
  'text',
  5,
  { a: 1 },
  { a: null },
  { a: { b: 'c' } },
  { a: true },
];

describe('bad input', () => {
  let target: TestTarget;
  let lakefs: LakeFS;
  let repo: Repository;
  let main: Branch;
  let before: string[];

  /** The branch's head and objects with their checksums, to show nothing was written. */
  const snapshot = async (): Promise<string[]> => [
    (await lastValueFrom(main.getCommit())).id,
    ...((await all(main.objects())) as ObjectInfo[]).map((o) => `${o.path} ${o.checksum}`),
  ];

  beforeAll(async () => {
    target = await startTarget();
    lakefs = target.client({ retry: false });
    repo = lakefs.repository(target.repoId('bad-input'));
    await lastValueFrom(repo.create());
    main = repo.branch('main');
    await lastValueFrom(main.object('keep.txt').upload('keep'));
    await lastValueFrom(main.object('ten.bin').upload('0123456789'));
    await lastValueFrom(main.object('empty.bin').upload(''));
    await lastValueFrom(main.commit('seed'));
    await lastValueFrom(repo.branch('side').create('main'));
    await lastValueFrom(repo.branch('side').object('s.txt').upload('s'));
    await lastValueFrom(repo.branch('side').commit('side'));
    before = await snapshot();
  });
  afterEach(async () => {
    target.server?.faults.clear();
    // Whatever the case, the branch holds exactly what it held before.
    expect(await snapshot()).toEqual(before);
    expect(await all(main.uncommitted())).toEqual([]);
  });
  afterAll(() => target.close());

  /** Runs `source`, expecting `errorClass` and, for client-side checks, no request at all. */
  async function rejects(
    source: Observable<unknown>,
    errorClass: new (...args: never[]) => Error,
    options: { requests?: 0 } = { requests: 0 },
  ): Promise<unknown> {
    const recording = target.server ? recordRequests(target.server) : undefined;
    const error = await failureOf(source);
    recording?.stop();
    expect(error).toBeInstanceOf(errorClass);
    if (options.requests === 0 && recording) expect(recording.requests).toEqual([]);
    return error;
  }

  describe('ids', () => {
    it.each(BAD_REPOSITORY_IDS)('repository id %j is refused before any request', async (id) => {
      const r = lakefs.repository(id);
      await rejects(r.create({ storageNamespace: 'local://x' }), ValidationError);
      await rejects(r.properties(), ValidationError);
      await rejects(r.metadata(), ValidationError);
      await rejects(r.branches(), ValidationError);
      await rejects(r.tags(), ValidationError);
      await rejects(r.delete(), ValidationError);
      await rejects(r.branch('main').commit('m'), ValidationError);
      await rejects(r.branch('main').object('a').upload('a'), ValidationError);
      await rejects(r.branch('main').object('a').stat(), ValidationError);
      await rejects(r.ref('main').log(), ValidationError);
      await rejects(r.tag('v1').create('main'), ValidationError);
    });

    it.each(BAD_BRANCH_IDS)('branch id %j is refused before any request', async (id) => {
      const b = repo.branch(id);
      await rejects(b.create('main'), ValidationError);
      await rejects(b.delete(), ValidationError);
      await rejects(b.head(), ValidationError);
      await rejects(b.commit('m'), ValidationError);
      await rejects(b.revert('main'), ValidationError);
      await rejects(b.resetChanges(), ValidationError);
      await rejects(b.uncommitted(), ValidationError);
      await rejects(b.deleteObjects(['keep.txt']), ValidationError);
      await rejects(b.object('a').upload('a'), ValidationError);
      await rejects(b.object('keep.txt').delete(), ValidationError);
      await rejects(b.object('keep.txt').updateMetadata({ a: 'b' }), ValidationError);
      await rejects(main.object('keep.txt').copy(id, 'copy.txt'), ValidationError);
      await rejects(repo.branch('side').mergeInto(id), ValidationError);
      await rejects(b.importData().prefix('local:///tmp/', 'x/').start(), ValidationError);
      await rejects(b.importStatus('x'), ValidationError);
      const tx = (await rejects(
        b.transact(() => []),
        TransactionError,
      )) as TransactionError;
      expect(tx.cause).toBeInstanceOf(ValidationError);
    });

    it.each(BAD_TAG_IDS)('tag id %j is refused before any request', async (id) => {
      await rejects(repo.tag(id).create('main'), ValidationError);
      await rejects(repo.tag(id).delete(), ValidationError);
      const tx = (await rejects(
        main.transact(() => [], { tag: id }),
        TransactionError,
      )) as TransactionError;
      expect(tx.cause).toBeInstanceOf(ValidationError);
    });

    it.each(BAD_REFS)('ref %j is refused before any request', async (ref) => {
      await rejects(repo.ref(ref).getCommit(), ValidationError);
      await rejects(repo.ref(ref).log(), ValidationError);
      await rejects(repo.ref(ref).objects(), ValidationError);
      await rejects(repo.ref(ref).object('keep.txt').text(), ValidationError);
      await rejects(main.diff(ref), ValidationError);
      await rejects(repo.ref(ref).mergeInto('main'), ValidationError);
      await rejects(repo.branch('new').create(ref), ValidationError);
      await rejects(repo.tag('t').create(ref), ValidationError);
      await rejects(main.revert(ref), ValidationError);
      await rejects(main.cherryPick(ref), ValidationError);
    });

    itLocal("ids lakeFS accepts but the client cannot check fail with the server's typed error", async () => {
      // A missing repository, branch or ref is the server's to report: a typed 404, nothing written.
      await rejects(lakefs.repository('no-such-repo').properties(), NotFoundError, {});
      await rejects(repo.branch('no-such-branch').commit('m'), NotFoundError, {});
      await rejects(repo.ref('no-such-ref').log(), NotFoundError, {});
      await rejects(main.revert('main~99'), NotFoundError, {});
    });
  });

  describe('paths', () => {
    it.each(
      BAD_PATHS.map((p) => [
        p.length > 10 ? `${p.slice(0, 3)}… (${Buffer.byteLength(p)} bytes)` : JSON.stringify(p),
        p,
      ]),
    )('path %s is refused before any request', async (_label, path) => {
      const obj = main.object(path);
      await rejects(obj.upload('x'), ValidationError);
      await rejects(obj.upload('x', { presign: true }), ValidationError);
      await rejects(obj.stat(), ValidationError);
      await rejects(obj.exists(), ValidationError);
      await rejects(obj.read(), ValidationError);
      await rejects(obj.text(), ValidationError);
      await rejects(obj.delete(), ValidationError);
      await rejects(obj.updateMetadata({ a: 'b' }), ValidationError);
      await rejects(obj.copy('main', 'copy.txt'), ValidationError);
      await rejects(main.object('keep.txt').copy('main', path), ValidationError);
      await rejects(main.resetChanges({ pathType: 'object', path }), ValidationError);
    });

    it('a non-string path is refused before any request', async () => {
      await rejects(main.object(notString(42)).upload('x'), ValidationError);
      await rejects(main.object(notString(undefined)).stat(), ValidationError);
    });

    itLocal('a path of exactly 1024 bytes is accepted (and removed again)', async () => {
      const path = `${'é'.repeat(511)}ab`;
      expect(Buffer.byteLength(path)).toBe(1024);
      await lastValueFrom(main.object(path).upload('x'));
      expect(await lastValueFrom(main.object(path).text())).toBe('x');
      await lastValueFrom(main.resetChanges());
    });
  });

  describe('ranges', () => {
    const CLIENT_SIDE: readonly unknown[] = [
      { start: -1 },
      { start: 1.5 },
      { start: Number.NaN },
      { start: Number.POSITIVE_INFINITY },
      { start: 0, end: -1 },
      { last: -3 },
      { last: 0.5 },
      'garbage',
      'Bytes=0-1',
    ];
    it.each(CLIENT_SIDE.map((r) => [JSON.stringify(r) ?? String(r), r]))(
      'range %s is refused before any request',
      async (_label, range) => {
        const obj = main.object('ten.bin');
        await rejects(obj.read({ range: range as never }), ValidationError);
        await rejects(obj.bytes({ range: range as never }), ValidationError);
      },
    );

    const SERVER_SIDE: readonly [string, string, unknown, new (...args: never[]) => Error][] = [
      ['start after end', 'ten.bin', { start: 5, end: 2 }, InvalidRangeError],
      ['start past the size', 'ten.bin', { start: 100 }, InvalidRangeError],
      ['an empty suffix', 'ten.bin', { last: 0 }, InvalidRangeError],
      ['any range of an empty object', 'empty.bin', { start: 0 }, InvalidRangeError],
      ['several ranges', 'ten.bin', 'bytes=0-1,3-4', InvalidRangeError],
      ['a malformed raw range', 'ten.bin', 'bytes=abc', BadRequestError],
    ];
    it.each(SERVER_SIDE)(
      "%s fails with the server's typed error",
      async (_label, path, range, errorClass) => {
        await rejects(main.object(path).bytes({ range: range as never }), errorClass, {});
      },
    );
  });

  describe('metadata', () => {
    it.each(BAD_METADATA.map((m) => [JSON.stringify(m), m]))(
      'metadata %s is refused before any request',
      async (_label, metadata) => {
        const meta = metadata as Record<string, string>;
        await rejects(main.object('m.txt').upload('x', { metadata: meta }), ValidationError);
        await rejects(main.object('keep.txt').updateMetadata(meta), ValidationError);
        await rejects(main.commit('m', { metadata: meta, allowEmpty: true }), ValidationError);
        await rejects(repo.branch('side').mergeInto('main', { metadata: meta }), ValidationError);
        await rejects(repo.setMetadata(meta), ValidationError);
        await rejects(
          main.importData({ metadata: meta }).prefix('local:///tmp/', 'x/').start(),
          ValidationError,
        );
        const tx = (await rejects(
          main.transact(() => [], { commitMetadata: meta }),
          TransactionError,
        )) as TransactionError;
        expect(tx.cause).toBeInstanceOf(ValidationError);
      },
    );

    it.each([
      ['a key that is no header name', { 'a b': 'x' }],
      ['a non-ASCII value', { k: 'ünï' }],
      ['a value with a line break', { k: 'a\r\nX-Injected: 1' }],
    ])('upload metadata with %s is refused before any request', async (_label, metadata) => {
      await rejects(main.object('m.txt').upload('x', { metadata }), ValidationError);
    });

    it('a commit message that is not a string is refused before any request', async () => {
      await rejects(main.commit(notString(42), { allowEmpty: true }), ValidationError);
    });

    itLocal('huge upload metadata fails with a typed error and writes nothing', async () => {
      const error = await failureOf(
        main.object('huge.txt').upload('x', { metadata: { big: 'v'.repeat(64 * 1024) } }),
      );
      expect(error).toBeInstanceOf(LakeFSError);
    });

    itLocal('many metadata keys fail with a typed error or are stored whole, never a crash', async () => {
      const metadata = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'v']));
      const error = await failureOf(main.object('many.txt').upload('x', { metadata }));
      if (error === undefined) {
        expect(Object.keys((await lastValueFrom(main.object('many.txt').stat())).metadata)).toHaveLength(
          2000,
        );
        await lastValueFrom(main.resetChanges());
      } else expect(error).toBeInstanceOf(LakeFSError);
    });
  });

  describe('a server that never answers', () => {
    const TIMEOUT_MS = 200;
    const hanging = (): LakeFS =>
      target.client({ timeoutMs: TIMEOUT_MS, retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const everything: FaultMatcher = () => true;

    const OPERATIONS: readonly [string, (l: LakeFS, repoId: string) => Observable<unknown>][] = [
      ['repositories()', (l) => l.repositories()],
      ['properties()', (l, r) => l.repository(r).properties()],
      ['branch.create()', (l, r) => l.repository(r).branch('never').create('main')],
      ['object.upload()', (l, r) => l.repository(r).branch('main').object('never.txt').upload('x')],
      ['object.stat()', (l, r) => l.repository(r).branch('main').object('keep.txt').stat()],
      ['object.bytes()', (l, r) => l.repository(r).branch('main').object('keep.txt').bytes()],
      ['branch.commit()', (l, r) => l.repository(r).branch('main').commit('never', { allowEmpty: true })],
      ['ref.mergeInto()', (l, r) => l.repository(r).branch('side').mergeInto('main')],
      ['ref.log()', (l, r) => l.repository(r).branch('main').log()],
      ['ref.objects()', (l, r) => l.repository(r).branch('main').objects()],
      ['ref.diff()', (l, r) => l.repository(r).branch('main').diff('side')],
      ['branch.revert()', (l, r) => l.repository(r).branch('main').revert('main')],
      ['branch.deleteObjects()', (l, r) => l.repository(r).branch('main').deleteObjects(['keep.txt'])],
    ];

    for (const [name, operation] of OPERATIONS) {
      itLocal(`${name} fails with TimeoutError in about its timeout`, async () => {
        target.server!.faults.inject('hang', { count: 10, match: everything });
        const started = performance.now();
        const error = await failureOf(operation(hanging(), repo.id));
        expect(error).toBeInstanceOf(TimeoutError);
        expect((error as TimeoutError).phase).toBe('response');
        // Not retried: a response timeout ends the operation (slack for a loaded machine).
        expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
        target.server!.faults.clear();
      });
    }

    itLocal('importData().run() fails with ImportManagerError caused by the TimeoutError', async () => {
      target.server!.faults.inject('hang', { count: 10, match: everything });
      const error = await failureOf(
        hanging().repository(repo.id).branch('main').importData().prefix('local:///tmp/', 'x/').run(),
      );
      expect(error).toBeInstanceOf(ImportManagerError);
      expect((error as ImportManagerError).cause).toBeInstanceOf(TimeoutError);
      target.server!.faults.clear();
    });

    itLocal('transact() fails with TransactionError caused by the TimeoutError', async () => {
      target.server!.faults.inject('hang', { count: 10, match: everything });
      const error = await failureOf(
        hanging()
          .repository(repo.id)
          .branch('main')
          .transact((tx) => tx.object('never.txt').upload('x')),
      );
      expect(error).toBeInstanceOf(TransactionError);
      expect((error as TransactionError).cause).toBeInstanceOf(TimeoutError);
      target.server!.faults.clear();
    });
  });
});
