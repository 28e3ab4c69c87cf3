import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { type Observable, lastValueFrom, toArray } from 'rxjs';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  type LakeFS,
  NotFoundError,
  type ObjectInfo,
  type Repository,
} from '../../../src';
import { startTarget, type TestTarget } from '../../support/testLakeFS';
import { LakeFSModel, type Outcome } from './model';

// Not hexadecimal: lakeFS resolves a missing branch name that looks like hex as a commit id prefix.
const BRANCHES = ['main', 'dev', 'exp'] as const;
const PATHS = ['a', 'b', 'd/c'] as const;
const CONTENTS = ['x', 'y', 'z'] as const;

/** One step of a sequence. */
type Op =
  | { readonly kind: 'branch'; readonly name: string; readonly source: string }
  | { readonly kind: 'deleteBranch'; readonly name: string }
  | { readonly kind: 'upload'; readonly branch: string; readonly path: string; readonly content: string }
  | { readonly kind: 'delete'; readonly branch: string; readonly path: string }
  | { readonly kind: 'commit'; readonly branch: string }
  /** Upload then commit: the usual way work lands on a branch. */
  | { readonly kind: 'write'; readonly branch: string; readonly path: string; readonly content: string }
  | { readonly kind: 'merge'; readonly source: string; readonly dest: string }
  | { readonly kind: 'reset'; readonly branch: string; readonly path?: string }
  | { readonly kind: 'revert'; readonly branch: string; readonly back: number; readonly parent?: 1 };

const branch = fc.constantFrom(...BRANCHES);
const path = fc.constantFrom(...PATHS);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('branch' as const), name: branch, source: branch }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteBranch' as const), name: branch }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      branch,
      path,
      content: fc.constantFrom(...CONTENTS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('upload' as const),
      branch,
      path,
      content: fc.constantFrom(...CONTENTS),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), branch, path }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('commit' as const), branch }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('merge' as const), source: branch, dest: branch }) },
  {
    weight: 1,
    arbitrary: fc.record(
      { kind: fc.constant('reset' as const), branch, path },
      { requiredKeys: ['kind', 'branch'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('revert' as const), branch, back: fc.nat(2), parent: fc.constant(1 as const) },
      { requiredKeys: ['kind', 'branch', 'back'] },
    ),
  },
);

/** Sequences stay short so that 200 of them (and their shrinking) run in seconds. */
const sequences = fc.array(op, { minLength: 1, maxLength: 15 });

/** Every sequence starts from here: `main` with one commit, and `dev` and `exp` branched from it. */
const PRELUDE: readonly Op[] = [
  { kind: 'upload', branch: 'main', path: 'a', content: 'x' },
  { kind: 'upload', branch: 'main', path: 'b', content: 'x' },
  { kind: 'commit', branch: 'main' },
  { kind: 'branch', name: 'dev', source: 'main' },
  { kind: 'branch', name: 'exp', source: 'main' },
];

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const refOf = (b: string, back: number): string => (back === 0 ? b : `${b}~${back}`);

/** Runs `source` and tells how it ended, as the model's outcome. */
async function outcomeOf(source: Observable<unknown>): Promise<string> {
  try {
    await lastValueFrom(source, { defaultValue: undefined });
    return 'ok';
  } catch (error) {
    if (error instanceof ConflictError) return 'conflict';
    if (error instanceof NotFoundError) return 'not-found';
    if (error instanceof ForbiddenError) return 'forbidden';
    if (error instanceof BadRequestError) return 'bad-request';
    return `unexpected ${String(error)}`;
  }
}

/** Applies `op` to the model and, through the client, to the server; both outcomes, or undefined to skip. */
async function step(
  model: LakeFSModel,
  repo: Repository,
  op: Op,
  index: number,
): Promise<{ model: Outcome; server: string } | undefined> {
  switch (op.kind) {
    case 'branch':
      return {
        model: model.createBranch(op.name, op.source),
        server: await outcomeOf(repo.branch(op.name).create(op.source)),
      };
    case 'deleteBranch':
      return { model: model.deleteBranch(op.name), server: await outcomeOf(repo.branch(op.name).delete()) };
    case 'upload':
      return {
        model: model.upload(op.branch, op.path, op.content),
        server: await outcomeOf(repo.branch(op.branch).object(op.path).upload(op.content)),
      };
    case 'delete':
      return {
        model: model.deleteObject(op.branch, op.path),
        server: await outcomeOf(repo.branch(op.branch).object(op.path).delete()),
      };
    case 'commit':
      return {
        model: model.commitBranch(op.branch, `c${index}`),
        server: await outcomeOf(repo.branch(op.branch).commit(`c${index}`)),
      };
    case 'write': {
      const upload = await step(model, repo, { ...op, kind: 'upload' }, index);
      if (upload?.model !== 'ok' || upload.server !== 'ok') return upload;
      return step(model, repo, { kind: 'commit', branch: op.branch }, index);
    }
    case 'merge':
      return {
        model: model.merge(op.source, op.dest, `m${index}`),
        server: await outcomeOf(repo.branch(op.source).mergeInto(op.dest, { message: `m${index}` })),
      };
    case 'reset':
      return {
        model: op.path === undefined ? model.resetAll(op.branch) : model.resetObject(op.branch, op.path),
        server: await outcomeOf(
          repo
            .branch(op.branch)
            .resetChanges(op.path === undefined ? {} : { pathType: 'object', path: op.path }),
        ),
      };
    case 'revert': {
      // A revert's commit id depends on the creation second: skip the rare revert that would repeat an
      // existing commit exactly, whose sharing (or not) would depend on the clock.
      const ref = refOf(op.branch, op.back);
      const preview = model.revertPreview(op.branch, op.back);
      if (preview && model.wouldDuplicate(preview.parents, `Revert ${ref}`, preview.content))
        return undefined;
      return {
        model: model.revert(op.branch, op.back, ref),
        server: await outcomeOf(repo.branch(op.branch).revert(ref)),
      };
    }
  }
}

/** Compares every branch's content (path → checksum) and log messages between model and server. */
async function compare(model: LakeFSModel, repo: Repository): Promise<void> {
  const all = <T>(source: Observable<T>): Promise<T[]> => lastValueFrom(source.pipe(toArray()));
  expect((await all(repo.branches())).map((b) => b.id)).toEqual(model.branches());
  for (const b of model.branches()) {
    const listed = (await all(repo.branch(b).objects())) as ObjectInfo[];
    const expected = [...model.view(b)].sort(([p], [q]) => (p < q ? -1 : 1));
    expect({ branch: b, content: listed.map((o) => [o.path, o.checksum]) }).toEqual({
      branch: b,
      content: expected.map(([p, text]) => [p, md5(text)]),
    });
    expect({ branch: b, log: (await all(repo.branch(b).log())).map((c) => c.message) }).toEqual({
      branch: b,
      log: model.log(b),
    });
  }
}

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);
const SEED = Number(process.env.PROPERTY_SEED ?? 20_260_901);

describe('the local server agrees with a model of lakeFS semantics', () => {
  let target: TestTarget;
  let lakefs: LakeFS;
  beforeAll(async () => {
    target = await startTarget();
    lakefs = target.client({ retry: false });
  });
  afterAll(() => target.close());

  /** How often each operation ended each way, to show the sequences reach the interesting cases. */
  const tally = new Map<string, number>();

  it(`on ${RUNS} random sequences of branch, upload, delete, commit, merge, reset and revert (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(sequences, async (ops) => {
        const repo = lakefs.repository(target.repoId('prop'));
        await lastValueFrom(repo.create());
        const model = new LakeFSModel();
        try {
          for (const [index, op] of [...PRELUDE, ...ops].entries()) {
            const outcome = await step(model, repo, op, index);
            if (index >= PRELUDE.length) {
              const key = `${op.kind} ${outcome?.model ?? 'skipped'}`;
              tally.set(key, (tally.get(key) ?? 0) + 1);
            }
            if (outcome)
              expect({ step: index, op, outcome: outcome.server }).toEqual({
                step: index,
                op,
                outcome: outcome.model,
              });
          }
          await compare(model, repo);
        } finally {
          await lastValueFrom(repo.delete()).catch(() => undefined);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    // The sequences reach the interesting cases, not only the failures (with a full-size run).
    const missed = ['write ok', 'merge ok', 'merge conflict', 'revert ok', 'revert conflict'].filter(
      (key) => !tally.has(key),
    );
    if (RUNS >= 200) expect(missed).toEqual([]);
    // 200 sequences each create and delete a repository: over three minutes against a real lakeFS
  }, 600_000);
});
