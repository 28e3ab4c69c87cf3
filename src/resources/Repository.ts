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

/**
 * Options of {@link Repository.create}.
 * @group Resources
 */
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

/**
 * Options of {@link Repository.branches} and {@link Repository.tags}.
 * @group Resources
 */
export interface ListRefsOptions extends PaginateOptions {
  /** Only ids starting with this prefix. */
  readonly prefix?: string;
  /** Include hidden branches (branches only). @default false */
  readonly showHidden?: boolean;
}

/**
 * A lazy handle on a repository: building it does no I/O; every method returns a cold Observable, and its
 * errors arrive through that Observable. A bad repository id fails with `ValidationError` before anything
 * is sent; any request can also fail with `NetworkError`, `TimeoutError` or `NotAuthorizedError`.
 * @group Resources
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
   * @throws {ConflictError} through the Observable, when the repository exists (unless `existOk`)
   * @throws {ConfigurationError} through the Observable, when no `storageNamespace` is given and the server
   *   has no `default_namespace_prefix`
   * @throws {BadRequestError} through the Observable, when the server refuses the storage namespace
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * lakefs.repository('my-repo')
   *   .create({ storageNamespace: 'local://my-repo', defaultBranch: 'main' })
   *   .subscribe((info) => console.log('created', info.id, info.creationDate));
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

  /**
   * Deletes the repository. With `missingOk`, a missing repository is not an error; `force` deletes a
   * read-only repository.
   * @throws {NotFoundError} through the Observable, when the repository does not exist (unless `missingOk`)
   * @throws {ForbiddenError} through the Observable, for a read-only repository without `force`
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * lakefs.repository('scratch').delete({ missingOk: true }).subscribe(() => console.log('gone'));
   */
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

  /**
   * The repository's properties.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.properties().subscribe((info) => console.log(info.defaultBranch, info.storageNamespace));
   */
  properties(): Observable<RepositoryInfo> {
    return defer(() => this.ctx.api.getRepository(validateRepositoryId(this.id)).pipe(map(toRepositoryInfo)));
  }

  /**
   * The repository's metadata map (`{}` when none).
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id (nothing sent)
   * @example
   * repo.metadata().subscribe((metadata) => console.log(metadata['owner']));
   */
  metadata(): Observable<Record<string, string>> {
    return defer(() => this.ctx.api.getRepositoryMetadata(validateRepositoryId(this.id)));
  }

  /**
   * Adds or overwrites metadata keys (keys not given are kept).
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad id or a non-string metadata value (nothing sent)
   * @example
   * repo.setMetadata({ owner: 'data-team' }).subscribe();
   */
  setMetadata(metadata: Record<string, string>): Observable<void> {
    return defer(() =>
      this.ctx.api.setRepositoryMetadata(validateRepositoryId(this.id), validateMetadata(metadata)),
    );
  }

  /**
   * A lazy stream of the repository's branches (hidden ones only with `showHidden`), as handles.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or paging option (nothing sent)
   * @example
   * repo.branches({ prefix: 'feature-' }).subscribe((branch) => console.log(branch.id));
   */
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

  /**
   * A lazy stream of the repository's tags, as handles.
   * @throws {NotFoundError} through the Observable, when the repository does not exist
   * @throws {ValidationError} through the Observable, for a bad repository id or paging option (nothing sent)
   * @example
   * repo.tags().pipe(mergeMap((tag) => tag.getCommit())).subscribe((commit) => console.log(commit.id));
   */
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

  /**
   * A branch handle (no I/O; a bad id fails when one of its methods is subscribed).
   * @example
   * const main = repo.branch('main');
   * main.object('hello.txt').upload('hi').pipe(concatMap(() => main.commit('say hi'))).subscribe();
   */
  branch(id: string): Branch {
    return new Branch(this.ctx, this.id, id);
  }

  /**
   * A tag handle (no I/O).
   * @example
   * repo.tag('v1.0').create('main').subscribe();
   */
  tag(id: string): Tag {
    return new Tag(this.ctx, this.id, id);
  }

  /**
   * A handle on any ref expression: `main~2`, `v1.0`, a commit id prefix, `dev@` (no I/O).
   * @example
   * repo.ref('main~2').object('data/a.csv').text().subscribe(console.log);
   */
  ref(expression: string): Reference {
    return new Reference(this.ctx, this.id, expression);
  }

  /**
   * A handle on a commit by id (or unique prefix), no I/O.
   * @example
   * repo.commit('a1b2c3d').getCommit().subscribe((commit) => console.log(commit.message));
   */
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
