import { lastValueFrom, toArray } from 'rxjs';
import { DecodeError, LakeFS, NetworkError, NotFoundError, TimeoutError, type FetchLike } from '../../../src';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function clientWith(fetch: FetchLike, extra: Record<string, unknown> = {}): LakeFS {
  return new LakeFS(
    {
      endpoint: 'http://127.0.0.1:1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'super-secret-key',
      fetch,
      retry: false,
      ...extra,
    },
    [],
    {},
  );
}

describe('HttpClient', () => {
  it('decodes a malformed body into DecodeError naming the field path', async () => {
    const fetch: FetchLike = async () =>
      json({
        pagination: { has_more: false, next_offset: '', results: 1, max_per_page: 1000 },
        results: [
          { id: 'r', creation_date: 'yesterday', default_branch: 'main', storage_namespace: 'local://r' },
        ],
      });
    const error = await lastValueFrom(clientWith(fetch).repositories()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).fieldPath).toBe('results.0.creation_date');
    expect((error as DecodeError).message).toContain('results.0.creation_date');
  });

  it('treats a body that is not JSON as a DecodeError', async () => {
    const fetch: FetchLike = async () => new Response('<html>proxy error</html>', { status: 200 });
    await expect(lastValueFrom(clientWith(fetch).repository('abc').properties())).rejects.toBeInstanceOf(
      DecodeError,
    );
  });

  it('maps statuses to error classes with method, path, message and request id', async () => {
    const fetch: FetchLike = async () =>
      json({ message: 'repository not found' }, 404, { 'x-request-id': 'req-42' });
    const error = (await lastValueFrom(clientWith(fetch).repository('abc').properties()).catch(
      (e: unknown) => e,
    )) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      method: 'GET',
      path: '/repositories/abc',
      serverMessage: 'repository not found',
      requestId: 'req-42',
    });
  });

  it('sends basic auth and never puts the secret in errors', async () => {
    const seen: (string | null)[] = [];
    const fetch: FetchLike = async (_url, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return json({ message: 'bad super-secret-key' }, 401);
    };
    const error = await lastValueFrom(clientWith(fetch).repositories()).catch((e: unknown) => e);
    expect(seen[0]).toBe(`Basic ${Buffer.from('AKIAEXAMPLE:super-secret-key').toString('base64')}`);
    expect(String(error)).not.toContain('super-secret-key');
    expect((error as NotFoundError).serverMessage).toBe('bad [redacted]');
  });

  it('fails a stalled body with TimeoutError(idle-body) instead of hanging', async () => {
    const fetch: FetchLike = async (_url, init) =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"id":'));
            init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
          },
        }),
        { status: 200 },
      );
    const error = await lastValueFrom(
      clientWith(fetch, { idleTimeoutMs: 50 }).repository('abc').properties(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('idle-body');
  });

  it('aborts the fetch when the subscriber unsubscribes', async () => {
    let signal: AbortSignal | undefined;
    const fetch: FetchLike = (_url, init) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    };
    const subscription = clientWith(fetch).repositories().subscribe();
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
  });

  it('wraps a fetch rejection into NetworkError', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(lastValueFrom(clientWith(fetch).repositories().pipe(toArray()))).rejects.toBeInstanceOf(
      NetworkError,
    );
  });

  it('does not show credentials in inspect, JSON or toString of the client', async () => {
    const client = clientWith(async () => json({}));
    const { inspect } = await import('node:util');
    for (const text of [inspect(client, { depth: 10 }), JSON.stringify(client), String(client)]) {
      expect(text).not.toContain('super-secret-key');
    }
  });
});
