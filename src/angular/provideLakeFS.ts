import { type EnvironmentProviders, InjectionToken, inject, makeEnvironmentProviders } from '@angular/core';
import { HttpBackend, HttpHandler } from '@angular/common/http';
import { LakeFS } from '../client';
import type { LakeFSOptions } from '../config/LakeFSOptions';
import { angularFetch } from './angularFetch';
import { LakeFSService } from './LakeFSService';

/**
 * How the client's requests leave the app: through `HttpClient`'s interceptor chain (`'interceptors'`),
 * straight to `HttpBackend` (`'backend'`), or by the browser's own `fetch` (`'fetch'`).
 * @group Providers
 */
export type LakeFSTransport = 'interceptors' | 'backend' | 'fetch';

/**
 * Options of {@link provideLakeFS}: the client's options and the transport.
 * @group Providers
 */
export interface ProvideLakeFSOptions extends LakeFSOptions {
  /** @default 'interceptors' (needs `provideHttpClient()`) */
  readonly transport?: LakeFSTransport;
}

/**
 * The options {@link provideLakeFS} was given, or the function that reads them.
 * @group Providers
 */
export const LAKEFS_OPTIONS = new InjectionToken<ProvideLakeFSOptions | (() => ProvideLakeFSOptions)>(
  'lakefs-rx options',
);

function createClient(): LakeFS {
  const given = inject(LAKEFS_OPTIONS);
  const { transport = 'interceptors', ...options } = typeof given === 'function' ? given() : given;
  if (transport === 'fetch' || options.fetch !== undefined) return new LakeFS(options);
  let handler: HttpHandler | HttpBackend;
  try {
    // not `optional`: that would also hide a provider missing deeper down (Angular reports it as absent)
    handler = transport === 'backend' ? inject(HttpBackend) : inject(HttpHandler);
  } catch (error) {
    throw new Error(
      `provideLakeFS(): transport '${transport}' could not get Angular's HTTP stack (provideHttpClient()) ` +
        `(or transport: 'fetch'): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return new LakeFS({ ...options, fetch: angularFetch(handler) });
}

/**
 * Provides a {@link LakeFS} client and the {@link LakeFSService} to an Angular app. By default requests go
 * through `HttpClient`'s interceptors, so list `provideHttpClient()` too.
 * @param options - endpoint and credentials (in a browser, a short-lived session token from your backend),
 *   or a function that returns them when the client is first injected (it runs in an injection context, so
 *   it can `inject()` the app's own configuration service)
 * @returns providers for `bootstrapApplication` or an environment injector
 * @example
 * ```ts
 * bootstrapApplication(App, {
 *   providers: [provideHttpClient(withInterceptors([auth])), provideLakeFS({ endpoint: '/lakefs' })],
 * });
 * ```
 * @group Providers
 */
export function provideLakeFS(
  options: ProvideLakeFSOptions | (() => ProvideLakeFSOptions) = {},
): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: LAKEFS_OPTIONS, useValue: options },
    { provide: LakeFS, useFactory: createClient },
    { provide: LakeFSService, useFactory: () => new LakeFSService() },
  ]);
}
