/**
 * A standalone component that browses repositories and their objects with nothing but the `async` pipe:
 * no manual subscriptions, no `ngOnDestroy`. Picking another repository switches the listing
 * (`switchMap` unsubscribes from the old one, aborting its request); leaving the view cancels everything.
 */
import { AsyncPipe, DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { BehaviorSubject, type Observable, catchError, of, switchMap } from 'rxjs';
import type { CommonPrefix, ObjectInfo } from 'lakefs-rx';
import { LakeFSService } from 'lakefs-rx/angular';
import { ImportService } from './import.service';

/** What the view shows for the selected repository. */
type Selection = { readonly repositoryId: string; readonly ref: string; readonly prefix: string } | undefined;

@Component({
  selector: 'lakefs-repository-browser',
  imports: [AsyncPipe, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Repositories</h2>
    @if (repositories$ | async; as repositories) {
      <ul>
        @for (repo of repositories; track repo.id) {
          <li>
            <button type="button" class="repo" (click)="open(repo.id, repo.defaultBranch)">
              {{ repo.id }}
            </button>
            created {{ repo.creationDate | date: 'medium' }}
          </li>
        }
      </ul>
    } @else {
      <p>loading…</p>
    }

    @if (rows$ | async; as rows) {
      <h3>
        {{ selection.value?.repositoryId }} / {{ selection.value?.ref }} / {{ selection.value?.prefix }}
      </h3>
      <table id="listing">
        @for (row of rows; track row.path) {
          <tr>
            @if (row.type === 'common_prefix') {
              <td>
                <button type="button" class="prefix" (click)="enter(row.path)">{{ row.path }}</button>
              </td>
              <td></td>
            } @else {
              <td>{{ row.path }}</td>
              <td>{{ row.sizeBytes }} bytes</td>
            }
          </tr>
        }
      </table>
    }
    @if (error()) {
      <p role="alert">{{ error() }}</p>
    }
  `,
})
export class RepositoryBrowserComponent {
  readonly #lakefs = inject(LakeFSService);
  readonly #imports = inject(ImportService);

  /** The repository list; the `async` pipe subscribes on render and unsubscribes on destroy. */
  readonly repositories$ = this.#lakefs.repositories().pipe(
    // Transient failures (network, 429, 5xx) are already retried by the client.
    catchError((error: unknown) => {
      this.error.set(error instanceof Error ? error.message : String(error));
      return of([]);
    }),
  );

  /** The currently opened location. */
  readonly selection = new BehaviorSubject<Selection>(undefined);

  /** The rows of the opened location, switching (and cancelling) when the selection changes. */
  readonly rows$: Observable<(ObjectInfo | CommonPrefix)[] | undefined> = this.selection.pipe(
    switchMap((at) =>
      at
        ? this.#imports.listing(at.repositoryId, at.ref, at.prefix).pipe(
            catchError((error: unknown) => {
              this.error.set(error instanceof Error ? error.message : String(error));
              return of([]);
            }),
          )
        : of(undefined),
    ),
  );

  /** The last error message, if any. */
  readonly error = signal<string | undefined>(undefined);

  /**
   * Opens a repository at its default branch.
   * @param repositoryId - the repository
   * @param ref - the ref to browse
   */
  open(repositoryId: string, ref: string): void {
    this.selection.next({ repositoryId, ref, prefix: '' });
  }

  /**
   * Descends into a common prefix.
   * @param prefix - the prefix row's path
   */
  enter(prefix: string): void {
    const at = this.selection.value;
    if (at) this.selection.next({ ...at, prefix });
  }
}
