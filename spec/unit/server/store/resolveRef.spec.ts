import { createBranch } from '../../../../src/server/store/branchOps';
import { findBranch } from '../../../../src/server/store/branchStore';
import { mergeRefs } from '../../../../src/server/store/mergeRefs';
import { resolveCommit, resolveRef } from '../../../../src/server/store/resolveRef';
import { createTag } from '../../../../src/server/store/tagStore';
import { ApiError } from '../../../../src/server/http/ApiError';
import { commitFiles, newRepo, stage } from '../storeFixture';

const status = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof ApiError ? e.status : -1;
  }
};

describe('resolveRef', () => {
  const repo = newRepo();
  const initial = resolveCommit(repo, 'main');
  const c1 = commitFiles(repo, 'main', { a: '1' });
  createBranch(repo, 'feature', 'main');
  const f1 = commitFiles(repo, 'feature', { f: 'f' });
  const c2 = commitFiles(repo, 'main', { a: '2' });
  const merge = mergeRefs(repo, findBranch(repo, 'main'), { sourceRef: 'feature', committer: 'tester' });
  createTag(repo, 'v1', 'main~1');
  stage(repo, 'main', { staged: 's' });

  it('resolves branches, tags, full ids and unique prefixes', () => {
    expect(resolveRef(repo, 'main').commit.id).toBe(merge.id);
    expect(resolveRef(repo, 'main').branch?.id).toBe('main');
    expect(resolveCommit(repo, 'v1').id).toBe(c2.id);
    expect(resolveCommit(repo, c1.id).id).toBe(c1.id);
    expect(resolveCommit(repo, c1.id.slice(0, 10)).id).toBe(c1.id);
  });

  it('follows ~N along first parents and ^N to the N-th parent', () => {
    expect(merge.parents).toEqual([c2.id, f1.id]);
    expect(resolveCommit(repo, 'main~1').id).toBe(c2.id);
    expect(resolveCommit(repo, 'main~').id).toBe(c2.id);
    expect(resolveCommit(repo, 'main~~').id).toBe(c1.id);
    expect(resolveCommit(repo, 'main~3').id).toBe(initial.id);
    expect(resolveCommit(repo, 'main^2').id).toBe(f1.id);
    expect(resolveCommit(repo, 'main^').id).toBe(c2.id);
    expect(resolveCommit(repo, 'main^0').id).toBe(merge.id);
    expect(resolveCommit(repo, 'main^2~1').id).toBe(c1.id);
    expect(resolveCommit(repo, 'v1~2').id).toBe(initial.id);
  });

  it('treats @ as committed-only and $ as the staging view of a branch', () => {
    expect(resolveRef(repo, 'main@').branch).toBeUndefined();
    expect(resolveRef(repo, 'main@').commit.id).toBe(merge.id);
    const dollar = resolveRef(repo, 'main$');
    expect(dollar.dollar).toBe(true);
    expect(dollar.branch?.staging.get('staged')).toBeTruthy();
  });

  it('answers lakeFS status codes for bad expressions', () => {
    expect(status(() => resolveRef(repo, 'main~9'))).toBe(404);
    expect(status(() => resolveRef(repo, 'main^3'))).toBe(400);
    expect(status(() => resolveRef(repo, 'v1@'))).toBe(400);
    expect(status(() => resolveRef(repo, 'main~1@'))).toBe(400);
    expect(status(() => resolveRef(repo, 'main@$'))).toBe(400);
    expect(status(() => resolveCommit(repo, 'main$'))).toBe(400);
    expect(status(() => resolveRef(repo, 'nope'))).toBe(404);
    expect(status(() => resolveRef(repo, 'ma in'))).toBe(400);
    expect(status(() => resolveRef(repo, ''))).toBe(400);
  });

  it('does not resolve an ambiguous prefix', () => {
    const ids = [...repo.commits.keys()];
    const shared = ids.find((id) => ids.some((o) => o !== id && o[0] === id[0]));
    if (shared) expect(status(() => resolveRef(repo, shared[0] as string))).toBe(404);
  });

  it('lets a branch named like a hex prefix shadow the prefix', () => {
    const prefix = c1.id.slice(0, 6);
    if (/^\w[-\w]*$/.test(prefix)) {
      createBranch(repo, prefix, 'v1');
      expect(resolveCommit(repo, prefix).id).toBe(c2.id);
    }
  });
});
