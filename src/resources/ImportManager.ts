import { type Observable, defer, map, tap, throwError } from 'rxjs';
import type { ImportLocation } from '../api/models/imports';
import { ValidationError } from '../errors/clientErrors';
import { ImportManagerError } from '../errors/clientErrors';
import type { ImportStatus } from '../models/models';
import { type RunImportOptions, runImport } from './runImport';
import type { ClientContext } from './ClientContext';
import { validateBranchId, validateMetadata, validateRepositoryId } from './validate';
import { fetchImportStatus } from './watchImport';

/**
 * Options of {@link Branch.importData}.
 * @group Resources
 */
export interface ImportDataOptions {
  /** Message of the import commit; the server's default is `Import objects`. @default '' */
  readonly commitMessage?: string;
  /** Metadata of the import commit (the server adds `.lakefs.merge.strategy: source-wins`). @default {} */
  readonly metadata?: Record<string, string>;
}

/**
 * One source of an import.
 * @group Resources
 */
export interface ImportSource {
  /** `common_prefix`: everything under `path`; `object`: exactly one object. */
  readonly type: 'common_prefix' | 'object';
  /** Source URI, e.g. `s3://bucket/raw/` or `local:///data/raw/`. */
  readonly path: string;
  /** Key (object) or prefix (common_prefix) on the branch. Everything under it is replaced. */
  readonly destination: string;
}

export type { RunImportOptions };

/**
 * Imports data that already sits in the object store into a branch, without copying it, in one commit.
 *
 * An immutable builder: `prefix()` and `object()` return a new manager and never change this one. The
 * runtime methods remember the id of the import this manager started last, so `status()` and `cancel()`
 * address it. Everything before a subscription is free of I/O; errors arrive through the returned
 * Observables.
 * @group Resources
 * @example
 * branch.importData({ commitMessage: 'raw data' })
 *   .prefix('s3://bucket/raw/', 'raw/')
 *   .run({ pollIntervalMs: 500 })
 *   .subscribe((s) => console.log(s.ingestedObjects));
 */
export class ImportManager {
  /** Sources added so far, in order. */
  readonly sources: readonly ImportSource[];
  #importId: string | undefined;

  /**
   * @param ctx - the client's context
   * @param repositoryId - target repository
   * @param branchId - target branch (it must have no uncommitted changes when the import commits)
   * @param options - commit message and metadata
   * @param sources - sources added so far
   */
  constructor(
    private readonly ctx: ClientContext,
    /** The target repository id. */
    readonly repositoryId: string,
    /** The target branch id. */
    readonly branchId: string,
    /** Commit message and metadata. */
    readonly options: ImportDataOptions = {},
    sources: readonly ImportSource[] = [],
  ) {
    this.sources = Object.freeze([...sources]);
  }

  /**
   * The id of the import this manager started last, if any.
   * @example
   * const manager = branch.importData().prefix('local:///data/raw/', 'raw/');
   * manager.start().subscribe(() => console.log('started', manager.importId));
   */
  get importId(): string | undefined {
    return this.#importId;
  }

  /**
   * Adds every object under a source prefix.
   * @param uri - source prefix, e.g. `s3://bucket/raw/`
   * @param destination - prefix on the branch (a `/` is added when missing); everything under this raw string
   *   on the branch is replaced by the import
   * @returns a new manager with the source added
   * @example
   * branch.importData().prefix('s3://bucket/raw/', 'raw/').prefix('s3://bucket/ref/', 'ref/').run().subscribe();
   */
  prefix(uri: string, destination: string): ImportManager {
    return this.with({ type: 'common_prefix', path: uri, destination });
  }

  /**
   * Adds one object.
   * @param uri - source object, e.g. `s3://bucket/raw/a.csv`
   * @param destination - exact key on the branch
   * @returns a new manager with the source added
   * @example
   * branch.importData().object('s3://bucket/raw/a.csv', 'data/a.csv').run().subscribe();
   */
  object(uri: string, destination: string): ImportManager {
    return this.with({ type: 'object', path: uri, destination });
  }

  /**
   * Starts the import on the server. Each subscription starts a new one and emits its id.
   * @returns a cold Observable of the import id
   * @throws {ValidationError} through the Observable, when no source was added or a source is malformed
   *   (nothing sent)
   * @throws {NotFoundError} through the Observable, when the repository or branch does not exist
   * @throws {ForbiddenError} through the Observable, when the server does not allow importing from that
   *   location (or imports at all)
   * @throws {BadRequestError} through the Observable, for a source URI the store does not accept
   * @example
   * const manager = branch.importData().prefix('s3://bucket/raw/', 'raw/');
   * manager.start().subscribe((id) => console.log('import', id, 'running'));
   */
  start(): Observable<string> {
    return defer(() => {
      const body = this.creation();
      return this.ctx.api.importStart(this.repositoryId, this.branchId, body).pipe(
        map((created) => created.id),
        tap((id) => (this.#importId = id)),
      );
    });
  }

  /**
   * The current status of the import this manager started last.
   * @returns a cold Observable of one status; `ImportManagerError` when nothing was started
   * @throws {ImportManagerError} through the Observable, when this manager has started nothing yet
   * @throws {NotFoundError} through the Observable, when the server no longer knows the import
   * @example
   * manager.status().subscribe((status) => console.log(status.ingestedObjects, status.completed));
   */
  status(): Observable<ImportStatus> {
    return defer(() => {
      const id = this.#importId;
      if (id === undefined)
        return throwError(() => new ImportManagerError('status(): no import was started'));
      return fetchImportStatus(this.ctx, this.repositoryId, this.branchId, id);
    });
  }

  /**
   * Cancels the import this manager started last (the server answers 409 when it already completed).
   * @returns a cold Observable that completes once cancelled; `ImportManagerError` when nothing was started
   * @throws {ImportManagerError} through the Observable, when this manager has started nothing yet
   * @throws {ConflictError} through the Observable, when the import already completed
   * @throws {NotFoundError} through the Observable, when the server does not know the import
   * @example
   * manager.cancel().subscribe({ complete: () => console.log('cancelled') });
   */
  cancel(): Observable<void> {
    return defer(() => {
      const id = this.#importId;
      if (id === undefined)
        return throwError(() => new ImportManagerError('cancel(): no import was started'));
      return this.ctx.api.importCancel(this.repositoryId, this.branchId, id);
    });
  }

  /**
   * Starts the import, then emits each distinct status until the completed one and completes. A status
   * carrying an error, a failed start or status request, and a stall all fail with `ImportManagerError`
   * (with the original error as `cause`). Unsubscribing before completion cancels the import on the server,
   * exactly once.
   * @param options - poll interval, stall timeout and 404 grace
   * @returns a cold Observable: each subscription runs one import
   * @throws {ImportManagerError} through the Observable, when the start or a status request fails, a status
   *   carries an error, or the import stalls (`cause` holds the original error: a `ValidationError` for a
   *   manager with no source, a `ServerError`, a `TimeoutError` of phase `'stall'`…)
   * @example
   * const subscription = branch.importData({ commitMessage: 'raw' })
   *   .prefix('s3://bucket/raw/', 'raw/')
   *   .run({ pollIntervalMs: 500 })
   *   .subscribe((status) => console.log(status.ingestedObjects));
   * cancelButton.onclick = () => subscription.unsubscribe(); // cancels the import on the server
   */
  run(options: RunImportOptions = {}): Observable<ImportStatus> {
    return runImport(
      {
        start: () => this.start(),
        status: (id) => fetchImportStatus(this.ctx, this.repositoryId, this.branchId, id),
        cancel: (id) => this.ctx.api.importCancel(this.repositoryId, this.branchId, id),
      },
      options,
      this.ctx.scheduler,
    );
  }

  private with(source: ImportSource): ImportManager {
    return new ImportManager(this.ctx, this.repositoryId, this.branchId, this.options, [
      ...this.sources,
      source,
    ]);
  }

  /** The request body; throws `ValidationError` for input the server would reject. */
  private creation(): {
    paths: ImportLocation[];
    commit: { message: string; metadata?: Record<string, string> };
  } {
    validateRepositoryId(this.repositoryId);
    validateBranchId(this.branchId);
    if (this.sources.length === 0)
      throw new ValidationError('paths', 'add at least one source with prefix() or object() before starting');
    for (const source of this.sources) {
      if (typeof source.path !== 'string' || source.path === '')
        throw new ValidationError('paths', 'every source needs a non-empty URI');
      if (typeof source.destination !== 'string')
        throw new ValidationError('paths', `the destination of ${source.path} must be a string`);
    }
    const metadata = validateMetadata(this.options.metadata, 'metadata');
    return {
      paths: this.sources.map(({ type, path, destination }) => ({ type, path, destination })),
      commit: {
        message: this.options.commitMessage ?? '',
        ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      },
    };
  }
}
