/**
 * Wiring for an Angular app: `bootstrapApplication(AppComponent, appConfig)`. The endpoint is the lakeFS
 * server (or `lakefs-rx serve`, which answers CORS) and the credentials are whatever your backend hands the
 * browser — never ship a long-lived secret key in a bundle.
 */
import type { ApplicationConfig } from '@angular/core';
import { provideLakeFS } from './lakefs.service';

/** The app's providers. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideLakeFS({
      endpoint: 'http://127.0.0.1:8000',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'provided-by-your-backend',
      retry: { maxAttempts: 3 },
    }),
  ],
};
