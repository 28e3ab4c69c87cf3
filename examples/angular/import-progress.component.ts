/**
 * A standalone component that runs an import and shows a live progress bar through the `async` pipe.
 * Navigating away destroys the component, the pipe unsubscribes, and the import is cancelled on the server.
 */
import { AsyncPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, Input, inject } from '@angular/core';
import { type Observable, Subject, switchMap } from 'rxjs';
import { type ImportView, LakeFSService } from './lakefs.service';

@Component({
  selector: 'lakefs-import-progress',
  standalone: true,
  imports: [AsyncPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" (click)="start.next()">Start import</button>
    @if (progress$ | async; as progress) {
      <progress max="100" [value]="progress.percent"></progress>
      <span>{{ progress.percent }} % · {{ progress.ingested }} objects</span>
      @if (progress.done) {
        <p>committed {{ progress.commitId }}</p>
      }
    }
  `,
})
export class ImportProgressComponent {
  readonly #lakefs = inject(LakeFSService);

  /** Repository to import into. */
  @Input({ required: true }) repositoryId!: string;
  /** Branch to import into. */
  @Input() branch = 'main';
  /** Source prefix, e.g. `s3://bucket/raw/`. */
  @Input({ required: true }) source!: string;
  /** Prefix on the branch. */
  @Input() destination = 'imported/';
  /** How many objects the source holds, when known. */
  @Input() expectedObjects?: number;

  /** Clicks on "Start import"; a second click restarts (switchMap cancels the running import first). */
  readonly start = new Subject<void>();

  /** The running import's progress. */
  readonly progress$: Observable<ImportView> = this.start.pipe(
    switchMap(() =>
      this.#lakefs.importWithProgress(
        this.repositoryId,
        this.branch,
        this.source,
        this.destination,
        this.expectedObjects,
      ),
    ),
  );
}
