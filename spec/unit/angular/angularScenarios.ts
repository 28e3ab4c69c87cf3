/**
 * Runs lakefs-rx/angular inside a real Angular injector (JIT, as Angular's own packages ship partially
 * compiled) and prints what it observed as one JSON object; angular.spec.ts asserts on it. A separate
 * process because Angular is ES-module only, which Jest's CommonJS runtime cannot load.
 */
import '@angular/compiler';
import {
  type EnvironmentInjector,
  Injector,
  createEnvironmentInjector,
  type EnvironmentProviders,
  type Provider,
  ɵINJECTOR_SCOPE as INJECTOR_SCOPE,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  HttpClient,
  type HttpInterceptorFn,
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { LakeFSService, provideLakeFS } from '../../../src/angular';
import { isLakeFSError } from '../../../src/errors';
import { startServer } from '../../../src/server';

const ENDPOINT = 'http://lakefs.test';
const seenByInterceptor: string[] = [];
const tagRequests: HttpInterceptorFn = (req, next) => {
  seenByInterceptor.push(`${req.method} ${req.url.replace(ENDPOINT, '')}`);
  return next(req.clone({ setHeaders: { 'X-App': 'dashboard' } }));
};

/** An app's root injector, as bootstrapApplication makes it (root scope: `providedIn: 'root'` services). */
function injector(providers: (Provider | EnvironmentProviders)[]): EnvironmentInjector {
  const platform = Injector.create({ providers: [] }) as unknown as EnvironmentInjector;
  return createEnvironmentInjector(
    [{ provide: INJECTOR_SCOPE, useValue: 'root' }, provideZonelessChangeDetection(), ...providers],
    platform,
  );
}

const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer;

async function throughInterceptors(): Promise<Record<string, unknown>> {
  const env = injector([
    provideHttpClient(withInterceptors([tagRequests])),
    provideHttpClientTesting(),
    provideLakeFS({ endpoint: ENDPOINT, accessKeyId: 'AKIA', secretAccessKey: 'secret', retry: false }),
  ]);
  const service = env.get(LakeFSService);
  const http = env.get(HttpTestingController);
  const listed = firstValueFrom(service.repositories());
  await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
  const [request] = http.match(() => true);
  const headers = {
    app: request?.request.headers.get('X-App'),
    authorization: request?.request.headers.get('Authorization')?.split(' ')[0],
  };
  request?.flush(
    bytes(
      JSON.stringify({
        pagination: { has_more: false, next_offset: '', results: 1, max_per_page: 1000 },
        results: [
          { id: 'repo-a', creation_date: 1700000000, default_branch: 'main', storage_namespace: 'local://a' },
        ],
      }),
    ),
    { headers: { 'Content-Type': 'application/json' } },
  );
  const repositories = await listed;

  const missing = lastValueFrom(service.repository('gone').properties()).catch((error: unknown) => error);
  await new Promise((resolve) => setImmediate(resolve));
  http
    .match(() => true)[0]
    ?.flush(bytes(JSON.stringify({ message: 'repository not found' })), {
      status: 404,
      statusText: 'Not Found',
      headers: { 'Content-Type': 'application/json' },
    });
  const error = await missing;

  const cancelled = service.repositories().subscribe();
  await new Promise((resolve) => setImmediate(resolve));
  const pending = http.match(() => true)[0];
  cancelled.unsubscribe();

  const offline = lastValueFrom(service.repository('offline-repo').properties()).catch((e: unknown) => e);
  await new Promise((resolve) => setImmediate(resolve));
  // what a browser's XHR reports for a request that got no answer (Node has Event, not ProgressEvent)
  http.match(() => true)[0]?.error(new Event('error') as ProgressEvent);
  const network = (await offline) as Error;
  http.verify();
  return {
    url: request?.request.url,
    headers,
    ids: repositories.map((r) => r.id),
    notFound: { name: (error as Error).name, lakefs: isLakeFSError(error) },
    abortReachedAngular: pending?.cancelled,
    network: network.name,
  };
}

async function straightToBackend(): Promise<Record<string, unknown>> {
  const before = seenByInterceptor.length;
  const env = injector([
    provideHttpClient(withInterceptors([tagRequests])),
    provideHttpClientTesting(),
    provideLakeFS({
      endpoint: ENDPOINT,
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      transport: 'backend',
      retry: false,
    }),
  ]);
  const done = lastValueFrom(env.get(LakeFSService).client.version());
  await new Promise((resolve) => setImmediate(resolve));
  const request = env.get(HttpTestingController).match(() => true)[0];
  request?.flush(bytes(JSON.stringify({ version: '1.0.0' })), {
    headers: { 'Content-Type': 'application/json' },
  });
  await done;
  return { testingControllerSaw: request?.request.url, interceptorCalls: seenByInterceptor.length - before };
}

async function overRealHttp(): Promise<Record<string, unknown>> {
  const server = await startServer();
  try {
    const env = injector([
      provideHttpClient(withFetch(), withInterceptors([tagRequests])),
      provideLakeFS({ endpoint: server.url, ...server.credentials }),
    ]);
    env.get(HttpClient);
    const lakefs = env.get(LakeFSService).client;
    const repo = lakefs.repository('angular-real');
    await lastValueFrom(repo.create());
    const payload = new Uint8Array(70_000).map((_, i) => i % 251);
    await lastValueFrom(repo.branch('main').object('data/blob.bin').upload(payload));
    const back = await lastValueFrom(repo.ref('main').object('data/blob.bin').bytes());
    const stat = await lastValueFrom(repo.ref('main').object('data/blob.bin').stat());
    return {
      sameBytes: back.length === payload.length && back.every((b, i) => b === payload[i]),
      size: stat.sizeBytes,
      uploadWentThroughInterceptor: seenByInterceptor.some(
        (line) => line.startsWith('POST') || line.startsWith('PUT'),
      ),
    };
  } finally {
    await server.close();
  }
}

function missingHttpClient(): string {
  const env = injector([
    provideLakeFS({ endpoint: ENDPOINT, accessKeyId: 'AKIA', secretAccessKey: 'secret' }),
  ]);
  try {
    env.get(LakeFSService);
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  }
}

void (async () => {
  const result = {
    interceptors: await throughInterceptors(),
    backend: await straightToBackend(),
    real: await overRealHttp(),
    missingHttpClient: missingHttpClient(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
