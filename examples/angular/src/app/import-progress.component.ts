/**
 * A standalone component that runs an import and shows a live progress bar through the `async` pipe.
 * A failed import shows its message and leaves the button working: the error is caught inside the
 * `switchMap`, so it ends that one import, not `progress$`. Navigating away destroys the component, the
 * pipe unsubscribes, and a running import is cancelled on the server.
 */
import { AsyncPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { type Observable, Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { type ImportView, ImportService } from './import.service';

/** What the view shows: nothing yet, a running or finished import, or the failure of the last one. */
type ImportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' | 'done'; readonly view: ImportView }
  | { readonly kind: 'error'; readonly message: string };

@Component({
  selector: 'lakefs-import-progress',
  imports: [AsyncPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2>Import</h2>
    <label>
      source
      <input id="import-source" size="60" [value]="source()" (input)="source.set(sourceOf($event))" />
    </label>
    <button id="start-import" type="button" (click)="start.next(source())">Start import</button>
    @if (state$ | async; as state) {
      <div id="import-state" [attr.data-state]="state.kind">
        @switch (state.kind) {
          @case ('error') {
            <p role="alert">import failed: {{ state.message }}</p>
          }
          @case ('idle') {
            <p>no import yet</p>
          }
          @default {
            @if (state.view.percent === undefined) {
              <progress></progress>
            } @else {
              <progress max="100" [value]="state.view.percent"></progress>
            }
            <span id="import-count">{{ state.view.ingested }} objects</span>
            @if (state.view.commitId) {
              <p>
                committed <code id="import-commit">{{ state.view.commitId }}</code>
              </p>
            }
          }
        }
      </div>
    }
  `,
})
export class ImportProgressComponent {
  readonly #imports = inject(ImportService);

  /** Repository to import into. */
  readonly repositoryId = input.required<string>();
  /** Branch to import into. */
  readonly branch = input('main');
  /** Source prefix to start with, e.g. `s3://bucket/raw/`. */
  readonly initialSource = input('');
  /** Prefix on the branch. */
  readonly destination = input('imported/');
  /** How many objects the source holds, when known. */
  readonly expectedObjects = input<number | undefined>(undefined);

  /** The source as typed. */
  readonly source = signal('');

  /** Clicks on "Start import"; a second click restarts (switchMap cancels the running import first). */
  readonly start = new Subject<string>();

  /** The state of the latest import. */
  readonly state$: Observable<ImportState> = this.start.pipe(
    switchMap((source) =>
      this.#imports
        .importWithProgress(
          this.repositoryId(),
          this.branch(),
          source || this.initialSource(),
          this.destination(),
          this.expectedObjects(),
        )
        .pipe(
          map((view): ImportState => ({ kind: view.done ? 'done' : 'running', view })),
          startWith<ImportState>({ kind: 'running', view: { ingested: 0, done: false } }),
          // inside the switchMap: the failure ends this import only, and the next click starts another
          catchError((error: unknown) =>
            of<ImportState>({
              kind: 'error',
              message: error instanceof Error ? error.message : String(error),
            }),
          ),
        ),
    ),
    startWith<ImportState>({ kind: 'idle' }),
  );

  /**
   * The text of an input event's target.
   * @param event - the `input` event
   * @returns the field's value
   */
  sourceOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}
