/**
 * A small model of lakeFS's versioning semantics, written from the behaviour reference rather than from the
 * local server's code, for the property tests: branches with a head commit and a staging area, commits
 * that snapshot content, three-way merges against the best common ancestor, reverts, resets.
 *
 * Content is `path → string`. Every operation returns what lakeFS answers, as an {@link Outcome}.
 */

/** How an operation ends: success or the HTTP error class lakeFS answers with. */
export type Outcome = 'ok' | 'bad-request' | 'not-found' | 'conflict' | 'forbidden';

/** Path → content. */
export type Content = ReadonlyMap<string, string>;

/** A commit of the model. Ids grow with creation time, so the newest commit has the largest id. */
export interface ModelCommit {
  readonly id: number;
  readonly parents: readonly number[];
  readonly message: string;
  readonly content: Content;
  readonly generation: number;
}

interface ModelBranch {
  head: number;
  /** Uncommitted changes: a content, or `null` for a removal. */
  staging: Map<string, string | null>;
}

const sameContent = (a: Content, b: Content): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** The branches and commits of one repository. */
export class LakeFSModel {
  private readonly commits: ModelCommit[] = [];
  private readonly branchMap = new Map<string, ModelBranch>();

  constructor(readonly defaultBranch = 'main') {
    this.commits.push({
      id: 0,
      parents: [],
      message: 'Repository created',
      content: new Map(),
      generation: 1,
    });
    this.branchMap.set(defaultBranch, { head: 0, staging: new Map() });
  }

  /** Branch ids, sorted as lakeFS lists them. */
  branches(): string[] {
    return [...this.branchMap.keys()].sort();
  }

  /** What a branch shows: its head content with the uncommitted changes applied. */
  view(branch: string): Content {
    const b = this.need(branch);
    const out = new Map(this.commit(b.head).content);
    for (const [path, value] of b.staging) {
      if (value === null) out.delete(path);
      else out.set(path, value);
    }
    return out;
  }

  /** Messages of the branch's history, newest first (every ancestor once). */
  log(branch: string): string[] {
    const seen = this.ancestors(this.need(branch).head);
    return [...seen].sort((a, b) => b - a).map((id) => this.commit(id).message);
  }

  /** The commit a branch's `~k` expression names, or undefined past the root. */
  firstParentAncestor(branch: string, k: number): ModelCommit | undefined {
    let commit: ModelCommit | undefined = this.commit(this.need(branch).head);
    for (let i = 0; i < k && commit; i++) {
      const parent: number | undefined = commit.parents[0];
      commit = parent === undefined ? undefined : this.commit(parent);
    }
    return commit;
  }

  hasBranch(branch: string): boolean {
    return this.branchMap.has(branch);
  }

  /** Creates `name` at `source`'s head commit with no uncommitted changes; lakeFS resolves the source first. */
  createBranch(name: string, source: string): Outcome {
    const from = this.branchMap.get(source);
    if (!from) return 'not-found';
    if (this.branchMap.has(name)) return 'conflict';
    this.branchMap.set(name, { head: from.head, staging: new Map() });
    return 'ok';
  }

  /** Deletes a branch (never the default one). */
  deleteBranch(name: string): Outcome {
    if (!this.branchMap.has(name)) return 'not-found';
    if (name === this.defaultBranch) return 'forbidden';
    this.branchMap.delete(name);
    return 'ok';
  }

  /** Stages `content` at `path`. */
  upload(branch: string, path: string, content: string): Outcome {
    const b = this.branchMap.get(branch);
    if (!b) return 'not-found';
    b.staging.set(path, content);
    return 'ok';
  }

  /** Removes `path` from the branch (a missing path is fine). */
  deleteObject(branch: string, path: string): Outcome {
    const b = this.branchMap.get(branch);
    if (!b) return 'not-found';
    if (this.commit(b.head).content.has(path)) b.staging.set(path, null);
    else b.staging.delete(path);
    return 'ok';
  }

  /** Drops every uncommitted change. */
  resetAll(branch: string): Outcome {
    const b = this.branchMap.get(branch);
    if (!b) return 'not-found';
    b.staging.clear();
    return 'ok';
  }

  /** Drops the uncommitted change of one path. */
  resetObject(branch: string, path: string): Outcome {
    const b = this.branchMap.get(branch);
    if (!b) return 'not-found';
    b.staging.delete(path);
    return 'ok';
  }

  /** Commits the uncommitted changes; nothing effective is a 400. */
  commitBranch(branch: string, message: string): Outcome {
    const b = this.branchMap.get(branch);
    if (!b) return 'not-found';
    const content = this.view(branch);
    if (sameContent(content, this.commit(b.head).content)) return 'bad-request';
    this.advance(b, [b.head], message, content);
    return 'ok';
  }

  /**
   * Merges branch `source` into `dest`: the destination must be clean; a source unchanged since the merge
   * base is a 400; a path changed differently on both sides is a 409; otherwise a new commit with parents
   * [dest head, source head], even when the content does not change.
   */
  merge(source: string, dest: string, message: string): Outcome {
    const s = this.branchMap.get(source);
    if (!s) return 'not-found';
    const d = this.branchMap.get(dest);
    if (!d) return 'not-found';
    if (!this.isClean(dest)) return 'bad-request';
    const base = this.commit(this.mergeBase(d.head, s.head));
    const sourceCommit = this.commit(s.head);
    if (sameContent(sourceCommit.content, base.content)) return 'bad-request';
    const merged = threeWay(base.content, this.commit(d.head).content, sourceCommit.content);
    if (!merged) return 'conflict';
    this.advance(d, [d.head, s.head], message, merged);
    return 'ok';
  }

  /**
   * Reverts the commit `branch~k` on `branch`: applies "commit → its parent" onto the clean branch as a
   * three-way merge. A merge commit needs a 1-based `parentNumber` (409 without one, as lakeFS answers); a
   * number past the commit's parents is a 400. Conflicts are 409, a result equal to the head is a 400.
   */
  revert(branch: string, k: number, refText: string, parentNumber = 0): Outcome {
    const b = this.branchMap.get(branch);
    if (!b) return 'not-found';
    const target = this.firstParentAncestor(branch, k);
    if (!target) return 'not-found';
    if (target.parents.length > 1 && parentNumber <= 0) return 'conflict';
    if (parentNumber > target.parents.length) return 'bad-request';
    if (!this.isClean(branch)) return 'bad-request';
    const preview = this.revertPreview(branch, k, parentNumber);
    if (!preview) return 'conflict';
    if (sameContent(preview.content, this.commit(b.head).content)) return 'bad-request';
    this.advance(b, preview.parents, `Revert ${refText}`, preview.content);
    return 'ok';
  }

  /**
   * Whether a commit with these parents, message and content exists already. lakeFS derives commit ids
   * from exactly that (and the creation second), so such a commit would be shared or not depending on
   * the clock; the property tests avoid the case.
   */
  wouldDuplicate(parents: readonly number[], message: string, content: Content): boolean {
    return this.commits.some(
      (c) =>
        c.message === message &&
        c.parents.length === parents.length &&
        c.parents.every((p, i) => p === parents[i]) &&
        sameContent(c.content, content),
    );
  }

  /** The parents and content a revert would give its commit, or undefined on a conflict (no checks). */
  revertPreview(
    branch: string,
    k: number,
    parentNumber = 0,
  ): { parents: number[]; content: Content } | undefined {
    const b = this.branchMap.get(branch);
    const target = b && this.firstParentAncestor(branch, k);
    if (!b || !target) return undefined;
    const parent = target.parents[Math.max(0, parentNumber - 1)];
    const merged = threeWay(
      target.content,
      this.commit(b.head).content,
      parent === undefined ? new Map() : this.commit(parent).content,
    );
    return merged ? { parents: [b.head], content: merged } : undefined;
  }

  private isClean(branch: string): boolean {
    return sameContent(this.view(branch), this.commit(this.need(branch).head).content);
  }

  private advance(branch: ModelBranch, parents: number[], message: string, content: Content): void {
    const generation = 1 + Math.max(...parents.map((p) => this.commit(p).generation));
    const commit: ModelCommit = { id: this.commits.length, parents, message, content, generation };
    this.commits.push(commit);
    branch.head = commit.id;
    branch.staging = new Map();
  }

  /** The best common ancestor: the common ancestor with the highest generation, the newest on a tie. */
  private mergeBase(a: number, b: number): number {
    const left = this.ancestors(a);
    const common = [...this.ancestors(b)].filter((id) => left.has(id));
    return common.reduce((best, id) => {
      const c = this.commit(id);
      const x = this.commit(best);
      return c.generation > x.generation || (c.generation === x.generation && id > best) ? id : best;
    });
  }

  private ancestors(id: number): Set<number> {
    const seen = new Set<number>();
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as number;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...this.commit(next).parents);
    }
    return seen;
  }

  private commit(id: number): ModelCommit {
    const commit = this.commits[id];
    if (!commit) throw new Error(`model: no commit ${id}`);
    return commit;
  }

  private need(branch: string): ModelBranch {
    const b = this.branchMap.get(branch);
    if (!b) throw new Error(`model: no branch ${branch}`);
    return b;
  }
}

/**
 * Applies the changes `base → source` onto `dest`. A path changed on both sides to different values is a
 * conflict (`undefined`); a path the destination already changed the same way is left alone.
 */
function threeWay(base: Content, dest: Content, source: Content): Map<string, string> | undefined {
  const out = new Map(dest);
  for (const path of new Set([...base.keys(), ...source.keys()])) {
    const b = base.get(path);
    const s = source.get(path);
    if (b === s) continue;
    const d = dest.get(path);
    if (d === s) continue;
    if (d !== b) return undefined;
    if (s === undefined) out.delete(path);
    else out.set(path, s);
  }
  return out;
}
