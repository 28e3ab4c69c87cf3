import { type Observable, catchError, defer, map, mergeMap, of, throwError } from 'rxjs';
import { ConflictError, NotFoundError } from '../errors/ServerError';
import { ConfigurationError } from '../errors/clientErrors';
import { toRepositoryInfo } from '../models/fromWire';
import type { RepositoryInfo } from '../models/models';
import { deferPullable } from '../operators/deferPullable';
import { paginate, type PaginateOptions } from '../operators/paginate';
import { Branch } from './Branch';
import { BranchProtection } from './BranchProtection';
import { GarbageCollectionRules } from './GarbageCollectionRules';
import { PullRequests } from './PullRequests';
import { ActionRuns } from './ActionRuns';
import type { ClientContext } from './ClientContext';
import { Reference } from './Reference';
import {
  dumpRefsTask,
  type RefsManifest,
  type RefsTaskOptions,
  type RefsTaskStatus,
  type RestoreRefsOptions,
  restoreRefsTask,
} from './refsDumpTasks';
import { Tag } from './Tag';
import { validateMetadata, validateRepositoryId } from './validate';

/** Options of {@link Repository.create}. */
export interface CreateRepositoryOptions {
  /**
   * Where the repository's data lives, e.g. `local://my-repo`. @default derived from the server's
   * `default_namespace_prefix` + the repository id; an error when the server has none
   */
  readonly storageNamespace?: string;
  /** @default 'main' */
  readonly defaultBranch?: string;
  /** Populate sample data. @default false */
  readonly sampleData?: boolean;
  /** Create a read-only repository. @default false */
  readonly readOnly?: boolean;
  /** When the repository already exists, emit it instead of failing with `ConflictError`. @default false */
  readonly existOk?: boolean;
  /**
   * Create it bare: no default branch, no initial commit, and no check that the storage namespace is
   * unused — what {@link Repository.restoreRefs} restores into. @default false
   */
  readonly bare?: boolean;
}

/** Options of {@link Repository.branches} and {@link Repository.tags}. */
export interface ListRefsOptions extends PaginateOptions {
  /** Only ids starting with this prefix. */
  readonly prefix?: string;
  /** Include hidden branches (branches only). @default false */
  readonly showHidden?: boolean;
}

/**
 * A lazy handle on a repository: building it does no I/O; every method returns a cold Observable.
 * @example
 * lakefs.repository('my-repo').create({ existOk: true }).subscribe(info => console.log(info.defaultBranch));
 */
export class Repository {
  constructor(
    private readonly ctx: ClientContext,
    /** The repository id. */
    readonly id: string,
  ) {}

  /**
   * Creates the repository (with its default branch and initial commit).
   * @returns the created (or, with `existOk`, the existing) repository
   */
  create(options: CreateRepositoryOptions = {}): Observable<RepositoryInfo> {
    return defer(() => {
      validateRepositoryId(this.id);
      return this.namespace(options.storageNamespace).pipe(
        mergeMap((storageNamespace) =>
          this.ctx.api.createRepository(
            {
              name: this.id,
              storage_namespace: storageNamespace,
              default_branch: options.defaultBranch ?? 'main',
              ...(options.sampleData !== undefined ? { sample_data: options.sampleData } : {}),
              ...(options.readOnly !== undefined ? { read_only: options.readOnly } : {}),
            },
            options.bare ? { bare: true } : {},
          ),
        ),
        map(toRepositoryInfo),
        catchError((error: unknown) =>
          options.existOk && error instanceof ConflictError ? this.properties() : throwError(() => error),
        ),
      );
    });
  }

  /** Deletes the repository. With `missingOk`, a missing repository is not an error. */
  delete(options: { missingOk?: boolean; force?: boolean } = {}): Observable<void> {
    return defer(() => {
      validateRepositoryId(this.id);
      return this.ctx.api
        .deleteRepository(this.id, options.force ? { force: true } : {})
        .pipe(
          catchError((error: unknown) =>
            options.missingOk && error instanceof NotFoundError ? of(undefined) : throwError(() => error),
          ),
        );
    });
  }

  /** The repository's properties. */
  properties(): Observable<RepositoryInfo> {
    return defer(() => this.ctx.api.getRepository(validateRepositoryId(this.id)).pipe(map(toRepositoryInfo)));
  }

  /** The repository's metadata map (`{}` when none). */
  metadata(): Observable<Record<string, string>> {
    return defer(() => this.ctx.api.getRepositoryMetadata(validateRepositoryId(this.id)));
  }

  /** Adds or overwrites metadata keys. */
  setMetadata(metadata: Record<string, string>): Observable<void> {
    return defer(() =>
      this.ctx.api.setRepositoryMetadata(validateRepositoryId(this.id), validateMetadata(metadata)),
    );
  }

  /** A lazy stream of the repository's branches (hidden ones only with `showHidden`). */
  branches(options: ListRefsOptions = {}): Observable<Branch> {
    return deferPullable(() => {
      validateRepositoryId(this.id);
      return paginate(
        (after, amount) =>
          this.ctx.api.listBranches(this.id, {
            prefix: options.prefix,
            after,
            amount,
            ...(options.showHidden ? { show_hidden: true } : {}),
          }),
        options,
        (ref) => new Branch(this.ctx, this.id, ref.id),
      );
    });
  }

  /** A lazy stream of the repository's tags. */
  tags(options: ListRefsOptions = {}): Observable<Tag> {
    return deferPullable(() => {
      validateRepositoryId(this.id);
      return paginate(
        (after, amount) => this.ctx.api.listTags(this.id, { prefix: options.prefix, after, amount }),
        options,
        (ref) => new Tag(this.ctx, this.id, ref.id),
      );
    });
  }

  /** A branch handle (no I/O). */
  branch(id: string): Branch {
    return new Branch(this.ctx, this.id, id);
  }

  /** A tag handle (no I/O). */
  tag(id: string): Tag {
    return new Tag(this.ctx, this.id, id);
  }

  /** A handle on any ref expression: `main~2`, `v1.0`, a commit id prefix, `dev@`. */
  ref(expression: string): Reference {
    return new Reference(this.ctx, this.id, expression);
  }

  /** A handle on a commit by id (or unique prefix). */
  commit(id: string): Reference {
    return new Reference(this.ctx, this.id, id);
  }

  /**
   * A handle on the repository's branch protection rules.
   * @example
   * repo.branchProtection().set(['main']).subscribe(console.log);
   */
  branchProtection(): BranchProtection {
    return new BranchProtection(this.ctx, this.id);
  }

  /**
   * A handle on the repository's garbage-collection rules.
   * @example
   * repo.gcRules().get().subscribe(console.log);
   */
  gcRules(): GarbageCollectionRules {
    return new GarbageCollectionRules(this.ctx, this.id);
  }

  /**
   * The repository's pull requests: list, create, and a handle per id.
   * @example
   * repo.pullRequests().list({ status: 'open' }).subscribe(console.log);
   */
  pullRequests(): PullRequests {
    return new PullRequests(this.ctx, this.id);
  }

  /**
   * The repository's action runs (hooks triggered by commits and merges).
   * @example
   * repo.actionRuns().list().subscribe(console.log);
   */
  actionRuns(): ActionRuns {
    return new ActionRuns(this.ctx, this.id);
  }

  /**
   * Dumps the repository's refs (commits, branches, tags) as metadata files into its storage namespace —
   * lakeFS's refs backup. Runs as a server task whose status is polled until done; unsubscribing stops
   * the polling, not the task (lakeFS cannot cancel one).
   * @param options - the pause between status polls
   * @returns a cold Observable of distinct status ticks; the last (done) one carries the manifest
   * @throws {NotFoundError} when the repository does not exist
   * @throws {RefsTaskError} when the dump fails on the server
   * @example
   * repo.dumpRefs().pipe(last()).subscribe((tick) => console.log(tick.refs?.commitsMetaRangeId));
   */
  dumpRefs(options: RefsTaskOptions = {}): Observable<RefsTaskStatus> {
    return dumpRefsTask(this.ctx, this.id, options);
  }

  /**
   * Restores a refs dump into this repository, which must be bare (`create({ bare: true })`) and whose
   * storage namespace must hold the dump's files (e.g. created on the dumped repository's namespace).
   * Runs as a server task polled until done; unsubscribing stops the polling, not the task.
   * @param manifest - the `refs` of {@link Repository.dumpRefs}'s last tick
   * @param options - `force` to restore into a read-only repository, the pause between polls
   * @returns a cold Observable of distinct status ticks, completing after the done one
   * @throws {BadRequestError} `can only restore into a bare repository` when it has its default branch
   * @throws {RefsTaskError} when the restore fails on the server (`No data`: a file is missing)
   * @example
   * lakefs.repository('copy').create({ storageNamespace, bare: true }).pipe(
   *   mergeMap(() => lakefs.repository('copy').restoreRefs(manifest)),
   * ).subscribe({ complete: () => console.log('restored') });
   */
  restoreRefs(manifest: RefsManifest, options: RestoreRefsOptions = {}): Observable<RefsTaskStatus> {
    return restoreRefsTask(this.ctx, this.id, manifest, options);
  }

  private namespace(given: string | undefined): Observable<string> {
    if (given) return of(given);
    return this.ctx.storageConfig$.pipe(
      map((config) => {
        if (!config.defaultNamespacePrefix)
          throw new ConfigurationError(
            `repository ${this.id}: no storageNamespace given and the server has no default_namespace_prefix`,
          );
        const prefix = config.defaultNamespacePrefix;
        return prefix.endsWith('/') ? `${prefix}${this.id}` : `${prefix}/${this.id}`;
      }),
    );
  }
}
