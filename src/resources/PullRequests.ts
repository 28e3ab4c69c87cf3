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
  readonly id: string;
  /** `open`, `closed` or `merged` (open: a newer lakeFS may add values). */
  readonly status: string;
  readonly title: string;
  /** Empty in listings: lakeFS sends the description only with {@link PullRequestHandle.get}. */
  readonly description: string;
  readonly author: string;
  readonly sourceBranch: string;
  readonly destinationBranch: string;
  readonly creationDate: Date;
  readonly closedDate?: Date;
  readonly mergedCommitId?: string;
}

/**
 * Options of {@link PullRequests.list}.
 * @group Resources
 */
export interface ListPullRequestsOptions extends PaginateOptions {
  /** `closed` also lists merged ones. @default 'all' */
  readonly status?: 'open' | 'closed' | 'all';
  readonly prefix?: string;
}

/**
 * What {@link PullRequests.create} needs.
 * @group Resources
 */
export interface CreatePullRequestOptions {
  readonly title: string;
  readonly description?: string;
  readonly sourceBranch: string;
  readonly destinationBranch: string;
}

/**
 * What {@link PullRequestHandle.update} changes; unset fields stay.
 * @group Resources
 */
export interface UpdatePullRequestOptions {
  readonly title?: string;
  readonly description?: string;
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
    readonly repositoryId: string,
    /** The pull request id. */
    readonly id: string,
  ) {}

  /** The pull request with its description. */
  get(): Observable<PullRequestInfo> {
    return defer(() => this.ctx.api.getPullRequest(validateRepositoryId(this.repositoryId), this.id)).pipe(
      map(toInfo),
    );
  }

  /** Changes its title, description or status (closing or reopening it). */
  update(changes: UpdatePullRequestOptions): Observable<void> {
    return defer(() =>
      this.ctx.api.updatePullRequest(validateRepositoryId(this.repositoryId), this.id, { ...changes }),
    );
  }

  /**
   * Merges the source branch into the destination and marks the pull request merged.
   * @returns the merge commit id
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
    readonly repositoryId: string,
  ) {}

  /** A lazy, paged stream of pull requests, newest last. */
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

  /** Opens a pull request. @returns its handle */
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

  /** A handle on the pull request `id` (no I/O). */
  get(id: string): PullRequestHandle {
    return new PullRequestHandle(this.ctx, this.repositoryId, id);
  }
}
