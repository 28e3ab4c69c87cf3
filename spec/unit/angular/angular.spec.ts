import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..', '..');

/** What angularScenarios.ts observed inside a real Angular injector. */
interface Observed {
  readonly interceptors: Record<string, unknown>;
  readonly backend: Record<string, unknown>;
  readonly real: Record<string, unknown>;
  readonly missingHttpClient: string;
}

describe('lakefs-rx/angular in an Angular injector', () => {
  let observed: Observed;

  beforeAll(async () => {
    // Angular is ES-module only; the scenarios run in their own Node process through tsx.
    const stdout = await new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(__dirname, 'angularScenarios.ts')],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
        (error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)),
      );
    });
    observed = JSON.parse(stdout) as Observed;
  });

  it("routes the client's requests through HttpClient's interceptors and HttpTestingController", () => {
    expect(observed.interceptors).toMatchObject({
      url: 'http://lakefs.test/api/v1/repositories?amount=1000',
      // the interceptor's header reached the request, next to the client's own authentication
      headers: { app: 'dashboard', authorization: 'Basic' },
      ids: ['repo-a'],
    });
  });

  it('turns an error answer into the typed error, and a failed request into a NetworkError', () => {
    expect(observed.interceptors).toMatchObject({
      notFound: { name: 'NotFoundError', lakefs: true },
      network: 'NetworkError',
    });
  });

  it('cancels the Angular request when the subscriber unsubscribes', () => {
    expect(observed.interceptors.abortReachedAngular).toBe(true);
  });

  it("with transport 'backend' skips the interceptors but still reaches HttpTestingController", () => {
    expect(observed.backend).toEqual({
      testingControllerSaw: 'http://lakefs.test/api/v1/config/version',
      interceptorCalls: 0,
    });
  });

  it('moves bytes both ways over real HTTP through withFetch() (upload, download, stat)', () => {
    expect(observed.real).toEqual({ sameBytes: true, size: 70_000, uploadWentThroughInterceptor: true });
  });

  it("names provideLakeFS and Angular's own reason when the HTTP stack cannot be built", () => {
    expect(observed.missingHttpClient).toMatch(/^provideLakeFS\(\): .*NG0201/);
  });
});
