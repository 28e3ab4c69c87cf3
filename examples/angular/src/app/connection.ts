import { Injectable, signal } from '@angular/core';
import type { ProvideLakeFSOptions } from 'lakefs-rx/angular';

/** What the page needs to talk to lakeFS, and what the example imports. */
export interface ExampleSettings {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The repository the import goes to. */
  readonly repository?: string;
  /** A source the server may import from, e.g. `local:///data/` or `s3://bucket/raw/`. */
  readonly importSource?: string;
  /** How many objects the source holds, for a percentage. */
  readonly expectedObjects?: number;
}

/**
 * The connection settings, held in memory only: never in the URL or in storage. `serve.ts` hands them over
 * in `lakefs-config.json` next to the page; without that file (under `ng serve`) the page asks for them.
 */
@Injectable({ providedIn: 'root' })
export class Connection {
  /** The settings once known. */
  readonly settings = signal<ExampleSettings | undefined>(undefined);

  /**
   * Reads `lakefs-config.json` next to the page, if it is there.
   * @returns once settled (a missing file leaves the settings unknown)
   */
  async load(): Promise<void> {
    try {
      const response = await fetch('lakefs-config.json', { cache: 'no-store' });
      if (response.ok) this.settings.set((await response.json()) as ExampleSettings);
    } catch {
      // no file: the connection form asks
    }
  }

  /**
   * The client options for provideLakeFS(), read when the client is first injected.
   * @returns endpoint and credentials
   */
  clientOptions(): ProvideLakeFSOptions {
    const settings = this.settings();
    if (!settings) throw new Error('not connected yet');
    return {
      endpoint: settings.endpoint,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
    };
  }
}
