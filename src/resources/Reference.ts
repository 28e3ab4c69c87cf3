import { type Observable, defer, map } from 'rxjs';
import { toCommit } from '../models/fromWire';
import type { Commit } from '../models/models';
import { paginate, type PaginateOptions } from '../operators/paginate';
import type { ClientContext } from './ClientContext';
import { validateRef, validateRepositoryId } from './validate';

/** Options of {@link Reference.log}. */
export interface LogOptions extends Omit<PaginateOptions, 'after'> {
  /** Only commits that changed one of these object paths. */
  readonly objects?: readonly string[];
  /** Only commits that changed a path under one of these prefixes. */
  readonly prefixes?: readonly string[];
  /** Follow only the first parent of merge commits. @default false */
  readonly firstParent?: boolean;
  /** Drop commits created before this date. */
  readonly since?: Date;
  /** Stop after `maxAmount` matching commits (server-side `limit`). @default false */
  readonly limit?: boolean;
}

/**
 * A lazy handle on any ref expression (branch, tag, commit id, `main~1`, `main@`…).
 */
export class Reference {
  constructor(
    protected readonly ctx: ClientContext,
    /** The repository id. */
    readonly repositoryId: string,
    /** The ref expression. */
    readonly id: string,
  ) {}

  /** The commit this ref points at. */
  getCommit(): Observable<Commit> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      return this.ctx.api.getCommit(this.repositoryId, validateRef(this.id)).pipe(map(toCommit));
    });
  }

  /** The commit log from this ref, newest first, as a lazy paged stream. */
  log(options: LogOptions = {}): Observable<Commit> {
    return defer(() => {
      validateRepositoryId(this.repositoryId);
      validateRef(this.id);
      return paginate(
        (after, amount) =>
          this.ctx.api.logCommits(this.repositoryId, this.id, {
            after,
            amount,
            ...(options.objects?.length ? { objects: [...options.objects] } : {}),
            ...(options.prefixes?.length ? { prefixes: [...options.prefixes] } : {}),
            ...(options.firstParent ? { first_parent: true } : {}),
            ...(options.since ? { since: options.since.toISOString() } : {}),
            ...(options.limit ? { limit: true } : {}),
          }),
        options,
      ).pipe(map(toCommit));
    });
  }

  toString(): string {
    return `lakefs://${this.repositoryId}/${this.id}`;
  }
}
