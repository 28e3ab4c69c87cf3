/**
 * An injectable lakeFS service for Angular apps. The client runs in the browser (the core entry imports
 * nothing from Node) and every method returns a cold Observable, so the `async` pipe both starts the work
 * and, when the view goes away, cancels it — the in-flight request is aborted.
 *
 * In an app, import from `lakefs-rx`; the relative import keeps this example type-checked against the source.
 */
import {
  type EnvironmentProviders,
  Injectable,
  InjectionToken,
  inject,
  makeEnvironmentProviders,
} from '@angular/core';
import { type Observable, distinctUntilChanged, map, scan, toArray } from 'rxjs';
import {
  type CommonPrefix,
  type ImportStatus,
  LakeFS,
  type LakeFSOptions,
  type ObjectInfo,
  type RepositoryInfo,
} from '../../src';

/** The options the app's {@link LakeFSService} is built with. */
export const LAKEFS_OPTIONS = new InjectionToken<LakeFSOptions>('LAKEFS_OPTIONS');

/**
 * Provides the client's options to the app, e.g. `bootstrapApplication(App, { providers: [provideLakeFS({ … })] })`.
 * @param options - endpoint and credentials (in a browser, often a short-lived session token from your backend)
 * @returns providers for `bootstrapApplication` or an environment injector
 */
export function provideLakeFS(options: LakeFSOptions): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: LAKEFS_OPTIONS, useValue: options }]);
}

/** An import's progress as a view shows it. */
export interface ImportView {
  readonly ingested: number;
  /** 0–100; 100 only once the import committed. */
  readonly percent: number;
  readonly done: boolean;
  readonly commitId?: string;
}

/** One lakeFS client for the app, with view-shaped streams. */
@Injectable({ providedIn: 'root' })
export class LakeFSService {
  /** The client itself, for anything the helpers below do not cover. */
  readonly client = new LakeFS(inject(LAKEFS_OPTIONS));

  /**
   * All repositories, as one array once the listing is complete.
   * @returns the repositories
   */
  repositories(): Observable<RepositoryInfo[]> {
    return this.client.repositories().pipe(toArray());
  }

  /**
   * One level of a ref's tree, growing as pages arrive, so that a long listing renders progressively.
   * @param repositoryId - the repository
   * @param ref - branch, tag or commit
   * @param prefix - the "directory" to list, ending in `/` (or `''` for the root)
   * @returns the rows so far, re-emitted after each row
   */
  listing(repositoryId: string, ref: string, prefix = ''): Observable<(ObjectInfo | CommonPrefix)[]> {
    return this.client
      .repository(repositoryId)
      .ref(ref)
      .objects({ prefix, delimiter: '/' })
      .pipe(scan((rows: (ObjectInfo | CommonPrefix)[], row) => [...rows, row], []));
  }

  /**
   * Starts an import and reports its progress; unsubscribing (leaving the view) cancels it on the server.
   * @param repositoryId - the repository
   * @param branch - the branch to import into
   * @param source - the source prefix, e.g. `s3://bucket/raw/`
   * @param destination - the prefix on the branch
   * @param expectedObjects - how many objects the source holds, when known, for a percentage
   * @returns progress views, the last one with the commit id
   */
  importWithProgress(
    repositoryId: string,
    branch: string,
    source: string,
    destination: string,
    expectedObjects?: number,
  ): Observable<ImportView> {
    return this.client
      .repository(repositoryId)
      .branch(branch)
      .importData({ commitMessage: `Import ${source}` })
      .prefix(source, destination)
      .run()
      .pipe(
        map((status: ImportStatus) => toView(status, expectedObjects)),
        distinctUntilChanged(
          (a, b) => a.percent === b.percent && a.ingested === b.ingested && a.done === b.done,
        ),
      );
  }
}

function toView(status: ImportStatus, expected: number | undefined): ImportView {
  const estimate = expected ? Math.min(99, Math.floor((status.ingestedObjects / expected) * 100)) : 0;
  return {
    ingested: status.ingestedObjects,
    percent: status.completed ? 100 : estimate,
    done: status.completed,
    ...(status.commit ? { commitId: status.commit.id } : {}),
  };
}
