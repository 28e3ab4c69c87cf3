/**
 * The example's page: a connection form when no settings came with the page, then the repository browser
 * and the import. The children are created only once connected, so that provideLakeFS() reads the settings
 * when they inject the client.
 */
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Connection } from './connection';
import { ImportProgressComponent } from './import-progress.component';
import { RepositoryBrowserComponent } from './repository-browser.component';
import { RequestCounter } from './request-counter';

@Component({
  selector: 'lakefs-example-root',
  imports: [RepositoryBrowserComponent, ImportProgressComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header>
      <h1>lakefs-rx in Angular</h1>
      <span id="requests" [attr.data-in-flight]="requests.inFlight()">
        {{ requests.total() }} requests · {{ requests.inFlight() }} in flight
      </span>
    </header>
    @if (connection.settings(); as settings) {
      <p id="endpoint">connected to {{ settings.endpoint }}</p>
      <lakefs-repository-browser />
      @if (settings.repository) {
        <lakefs-import-progress
          [repositoryId]="settings.repository"
          [initialSource]="settings.importSource ?? ''"
          [expectedObjects]="settings.expectedObjects"
        />
      }
    } @else {
      <form id="connect" (submit)="connect($event)">
        <label>endpoint <input name="endpoint" value="http://127.0.0.1:8000" /></label>
        <label>access key id <input name="accessKeyId" autocomplete="off" /></label>
        <label>secret access key <input name="secretAccessKey" type="password" autocomplete="off" /></label>
        <label>repository to import into <input name="repository" /></label>
        <label
          >import source <input name="importSource" placeholder="local:///data/ or s3://bucket/prefix/"
        /></label>
        <button type="submit">Connect</button>
      </form>
    }
  `,
})
export class AppComponent {
  /** The connection settings (in memory only). */
  readonly connection = inject(Connection);
  /** Requests counted by the app's interceptor: lakeFS calls go through Angular's HttpClient. */
  readonly requests = inject(RequestCounter);

  /**
   * Takes the settings from the form (never from the URL).
   * @param event - the form's submit event
   */
  connect(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const field = (name: string): string => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    this.connection.settings.set({
      endpoint: field('endpoint'),
      accessKeyId: field('accessKeyId'),
      secretAccessKey: field('secretAccessKey'),
      ...(field('repository') ? { repository: field('repository') } : {}),
      ...(field('importSource') ? { importSource: field('importSource') } : {}),
    });
  }
}
