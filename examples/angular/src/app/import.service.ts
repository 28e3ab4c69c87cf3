/**
 * View-shaped streams over the client from lakefs-rx/angular. Every method returns a cold Observable, so
 * the `async` pipe both starts the work and, when the view goes away, cancels it.
 */
import { Injectable, inject } from '@angular/core';
import { type Observable, distinctUntilChanged, map, scan } from 'rxjs';
import type { CommonPrefix, ImportStatus, ObjectInfo } from 'lakefs-rx';
import { LakeFSService } from 'lakefs-rx/angular';

/** An import's progress as a view shows it. */
export interface ImportView {
  readonly ingested: number;
  /** 0–100, or undefined when the total is unknown (an indeterminate bar); 100 only once committed. */
  readonly percent?: number;
  readonly done: boolean;
  readonly commitId?: string;
}

/** Listings and imports for the example's components. */
@Injectable({ providedIn: 'root' })
export class ImportService {
  readonly #lakefs = inject(LakeFSService);

  /**
   * One level of a ref's tree, growing as pages arrive, so that a long listing renders progressively.
   * @param repositoryId - the repository
   * @param ref - branch, tag or commit
   * @param prefix - the "directory" to list, ending in `/` (or `''` for the root)
   * @returns the rows so far, re-emitted after each row
   */
  listing(repositoryId: string, ref: string, prefix = ''): Observable<(ObjectInfo | CommonPrefix)[]> {
    return this.#lakefs
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
    return this.#lakefs
      .repository(repositoryId)
      .branch(branch)
      .importData({ commitMessage: `Import ${source}` })
      .prefix(source, destination)
      .run({ pollIntervalMs: 100 })
      .pipe(
        map((status: ImportStatus) => toView(status, expectedObjects)),
        distinctUntilChanged(
          (a: ImportView, b: ImportView) =>
            a.percent === b.percent && a.ingested === b.ingested && a.done === b.done,
        ),
      );
  }
}

function toView(status: ImportStatus, expected: number | undefined): ImportView {
  const estimate = expected ? Math.min(99, Math.floor((status.ingestedObjects / expected) * 100)) : undefined;
  return {
    ingested: status.ingestedObjects,
    ...(status.completed ? { percent: 100 } : estimate !== undefined ? { percent: estimate } : {}),
    done: status.completed,
    ...(status.commit ? { commitId: status.commit.id } : {}),
  };
}
