import type { FetchLike } from '../../src/http/types';
import type { BenchTarget } from './target';

/** The baseline: hand-written requests with a fetch, basic auth and nothing else. */
export interface RawClient {
  readonly fetch: FetchLike;
  /** `<url>/api/v1`. */
  readonly apiRoot: string;
  readonly authorization: string;
}

/** A raw client for `target` using `fetch`. */
export function rawClient(target: BenchTarget, fetch: FetchLike): RawClient {
  const basic = Buffer.from(`${target.accessKeyId}:${target.secretAccessKey}`).toString('base64');
  return { fetch, apiRoot: `${target.url}/api/v1`, authorization: `Basic ${basic}` };
}

/** Sends a request and fails on a non-2xx status, with the body in the message. */
export async function rawRequest(raw: RawClient, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await raw.fetch(raw.apiRoot + path, {
    ...init,
    headers: { authorization: raw.authorization, ...(init.headers as Record<string, string> | undefined) },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** GET (or `init`) and `JSON.parse` of the body. */
export async function rawJson<T>(raw: RawClient, path: string, init: RequestInit = {}): Promise<T> {
  const response = await rawRequest(raw, path, init);
  return JSON.parse(await response.text()) as T;
}

/** Query-string helper: `?a=1&b=2` with URL encoding. */
export function qs(query: Record<string, string | number | boolean>): string {
  return `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;
}

/** The URL of an object's upload endpoint. */
export const uploadPath = (repo: string, branch: string, path: string): string =>
  `/repositories/${repo}/branches/${branch}/objects${qs({ path })}`;
