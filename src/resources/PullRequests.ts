import { type Observable, defer, map } from 'rxjs';
import type { PullRequest as WirePullRequest } from '../api/generated/models';
import { ValidationError } from '../errors/clientErrors';
import { paginate, type PaginateOptions } from '../operators/paginate';
import type { ClientContext } from './ClientContext';
import { validateBranchId, validateRepositoryId } from './validate';

/**
 * A pull request, in the client's camelCase terms.
 * @group Models
 */
export interface PullRequestInfo {
  /** The pull request's id, for {@link PullRequests.get}. */
  readonly id: string;
  /** `open`, `closed` or `merged` (open: a newer lakeFS may add values). */
  readonly status: string;
  /** Its title. */
  readonly title: string;
  /** Empty in listings: lakeFS sends the description only with {@link PullRequestHandle.get}. */
  readonly description: string;
  /** The id of the user who opened it. */
  readonly author: string;
  /** The branch whose changes it proposes. */
  readonly sourceBranch: string;
  /** The branch it merges into. */
  readonly destinationBranch: string;
  /** When it was opened. */
  readonly creationDate: Date;
  /** When it was closed or merged; absent while open. */
  readonly closedDate?: Date;
  /** The merge commit, once merged. */
  readonly mergedCommitId?: string;
}

/**
 * Options of {@link PullRequests.list}.
 * @group Resources
 */
export interface ListPullRequestsOptions extends PaginateOptions {
  /** `closed` also lists merged ones. @default 'all' */
  readonly status?: 'open' | 'closed' | 'all';
  /** Only ids starting with this prefix. @default '' */
  readonly prefix?: string;
}

/**
 * What {@link PullRequests.create} needs.
 * @group Resources
 */
export interface CreatePullRequestOptions {
  /** Its title. */
  readonly title: string;
  /** Its description (Markdown in the lakeFS UI). @default '' */
  readonly description?: string;
  /** The branch whose changes it proposes. */
  readonly sourceBranch: string;
  /** The branch it merges into (not the source). */
  readonly destinationBranch: string;
}

/**
 * What {@link PullRequestHandle.update} changes; unset fields stay.
 * @group Resources
 */
export interface UpdatePullRequestOptions {
  /** A new title. */
  readonly title?: string;
  /** A new description. */
  readonly description?: string;
  /** `closed` closes it, `open` reopens it. */
  readonly status?: 'open' | 'closed';
}

function toInfo(p: WirePullRequest): PullRequestInfo {
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    description: p.description ?? '',
    author: p.author,
    sourceBranch: p.source_branch,
    destinationBranch: p.destination_branch,
    creationDate: new Date(p.creation_date),
    ...(p.closed_date ? { closedDate: new Date(p.closed_date) } : {}),
    ...(p.merged_commit_id ? { mergedCommitId: p.merged_commit_id } : {}),
  };
}

/**
 * A lazy handle on one pull request.
 * @group Resources
 */
export class PullRequestHandle {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
    /** The pull request id. */
    readonly id: string,
  ) {}

  /**
   * The pull request with its description.
   * @throws {NotFoundError} through the Observable, when the repository or pull request does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.pullRequests().get(id).get().subscribe((pr) => console.log(pr.title, pr.status));
   */
  get(): Observable<PullRequestInfo> {
    return defer(() => this.ctx.api.getPullRequest(validateRepositoryId(this.repositoryId), this.id)).pipe(
      map(toInfo),
    );
  }

  /**
   * Changes its title, description or status (closing or reopening it).
   * @throws {NotFoundError} through the Observable, when the repository or pull request does not exist
   * @throws {BadRequestError} through the Observable, for a status other than `open` or `closed`
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.pullRequests().get(id).update({ status: 'closed' }).subscribe();
   */
  update(changes: UpdatePullRequestOptions): Observable<void> {
    return defer(() =>
      this.ctx.api.updatePullRequest(validateRepositoryId(this.repositoryId), this.id, { ...changes }),
    );
  }

  /**
   * Merges the source branch into the destination and marks the pull request merged.
   * @returns the merge commit id
   * @throws {BadRequestError} through the Observable, when the pull request is not open, or the merge finds
   *   nothing to merge or a dirty destination
   * @throws {ConflictError} through the Observable, when the branches conflict
   * @throws {NotFoundError} through the Observable, when the repository or pull request does not exist
   * @example
   * repo.pullRequests().get(id).merge().subscribe((commitId) => console.log('merged as', commitId));
   */
  merge(): Observable<string> {
    return defer(() => this.ctx.api.mergePullRequest(validateRepositoryId(this.repositoryId), this.id)).pipe(
      map((r) => r.reference),
    );
  }
}

/**
 * The pull requests of a repository (from `repo.pullRequests()`).
 * @group Resources
 */
export class PullRequests {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
  ) {}

  /**
   * A lazy, paged stream of pull requests, newest last.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or paging option (nothing sent)
   * @example
   * repo.pullRequests().list({ status: 'open' }).subscribe((pr) => console.log(pr.id, pr.title));
   */
  list(options: ListPullRequestsOptions = {}): Observable<PullRequestInfo> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return paginate(
        (after, amount) =>
          this.ctx.api.listPullRequests(this.repositoryId, {
            prefix: options.prefix,
            after,
            amount,
            status: options.status,
          }),
        options,
      ).pipe(map(toInfo));
    });
  }

  /**
   * Opens a pull request.
   * @returns its handle
   * @throws {NotFoundError} through the Observable, when the repository or a branch does not exist
   * @throws {BadRequestError} through the Observable, when source and destination are the same branch
   * @throws {ValidationError} through the Observable, for a bad repository or branch id or a missing title
   * @example
   * repo.pullRequests()
   *   .create({ title: 'Add Q3 data', sourceBranch: 'q3', destinationBranch: 'main' })
   *   .pipe(concatMap((pr) => pr.merge()))
   *   .subscribe((commitId) => console.log(commitId));
   */
  create(options: CreatePullRequestOptions): Observable<PullRequestHandle> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateBranchId(options.sourceBranch);
      validateBranchId(options.destinationBranch);
      if (typeof options.title !== 'string') throw new ValidationError('title', 'title must be a string');
      return this.ctx.api
        .createPullRequest(this.repositoryId, {
          title: options.title,
          description: options.description ?? '',
          source_branch: options.sourceBranch,
          destination_branch: options.destinationBranch,
        })
        .pipe(map((r) => new PullRequestHandle(this.ctx, this.repositoryId, r.id)));
    });
  }

  /**
   * A handle on the pull request `id` (no I/O).
   * @example
   * repo.pullRequests().get('5a8e…').get().subscribe(console.log);
   */
  get(id: string): PullRequestHandle {
    return new PullRequestHandle(this.ctx, this.repositoryId, id);
  }
}
