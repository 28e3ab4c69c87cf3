import { lastValueFrom, toArray } from 'rxjs';
import { InternalServerError, NetworkError, TimeoutError } from '../../src';
import { itLocal, startTarget, type TestTarget } from '../support/testLakeFS';

const onPath = (method: string, prefix: string) => (m: string, p: string) =>
  m === method && p.startsWith(prefix);

describe('transport against the local server', () => {
  let target: TestTarget;
  let requests: { method: string; url: string }[];
  const record = (e: { method: string; url: string }): void => {
    requests.push(e);
  };
  beforeAll(async () => {
    target = await startTarget();
  });
  beforeEach(() => {
    requests = [];
    target.server?.events.on('request', record);
  });
  afterEach(() => {
    target.server?.events.off('request', record);
    target.server?.faults.clear();
  });
  afterAll(() => target.close());

  itLocal('retries a GET answered 503 twice, then succeeds', async () => {
    target.server!.faults.inject('unavailable', { count: 2, match: onPath('GET', '/api/v1/repositories') });
    const repos = await lastValueFrom(target.lakefs.repositories().pipe(toArray()));
    expect(Array.isArray(repos)).toBe(true);
    expect(requests.filter((r) => r.url.startsWith('/api/v1/repositories'))).toHaveLength(3);
  });

  itLocal('gives up after maxAttempts and surfaces the last error', async () => {
    target.server!.faults.inject('unavailable', { count: 10, match: onPath('GET', '/api/v1/repositories') });
    const client = target.client({ retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const error = await lastValueFrom(client.repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect(requests).toHaveLength(3);
  });

  itLocal('never retries a non-idempotent POST', async () => {
    target.server!.faults.inject('unavailable', { count: 1, match: onPath('POST', '/api/v1/repositories') });
    const id = target.repoId('noretry');
    const error = await lastValueFrom(target.lakefs.repository(id).create()).catch((e: unknown) => e);
    expect((error as InternalServerError).status).toBe(503);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  itLocal('retries a connection reset before the answer for idempotent requests', async () => {
    target.server!.faults.inject('reset-before', { count: 1, match: onPath('GET', '/api/v1/repositories') });
    await lastValueFrom(target.lakefs.repositories().pipe(toArray()));
    expect(requests).toHaveLength(2);
  });

  itLocal('unsubscribing during a slow request aborts it at the server', async () => {
    target.server!.faults.inject('hang', { count: 1, match: onPath('GET', '/api/v1/repositories') });
    const aborted = new Promise<{ url: string }>((ok) => target.server!.events.once('aborted', ok));
    const arrived = new Promise<void>((ok) => target.server!.events.once('request', () => ok()));
    const subscription = target.lakefs.repositories().subscribe();
    await arrived;
    subscription.unsubscribe();
    expect((await aborted).url).toMatch(/^\/api\/v1\/repositories/);
  });

  itLocal('a server that never answers fails with TimeoutError', async () => {
    target.server!.faults.inject('hang', { count: 1, match: onPath('GET', '/api/v1/repositories') });
    const client = target.client({ timeoutMs: 200, retry: false });
    const error = await lastValueFrom(client.repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('response');
  });

  itLocal('a truncated JSON body is a typed error, not a crash', async () => {
    target.server!.faults.inject('truncate', { count: 5, match: onPath('GET', '/api/v1/repositories') });
    const client = target.client({ retry: false });
    const error = await lastValueFrom(client.repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
  });

  itLocal('a connection refused is a NetworkError naming method and path', async () => {
    const client = target.client({ endpoint: 'http://127.0.0.1:9', retry: false });
    const error = await lastValueFrom(client.repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain('GET /repositories');
  });
});
