import { type LocalServer, type ServerOptions, startServer } from '../../../../src/server';

/** Options of one raw API call. */
export interface Call {
  query?: Record<string, string | string[]>;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A local server plus a raw-fetch helper that authenticates with basic auth. */
export interface Api {
  server: LocalServer;
  call(method: string, path: string, call?: Call): Promise<Response>;
  /** Creates a repository with `main` and returns its API path prefix. */
  repo(id: string, extra?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** Starts a server for HTTP-level tests. */
export async function startApi(options: ServerOptions = {}): Promise<Api> {
  const server = await startServer(options);
  const auth = `Basic ${Buffer.from(`${server.credentials.accessKeyId}:${server.credentials.secretAccessKey}`).toString('base64')}`;
  const call = (method: string, path: string, c: Call = {}): Promise<Response> => {
    const url = new URL(`${server.url}/api/v1${path}`);
    for (const [k, v] of Object.entries(c.query ?? {}))
      for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item);
    const headers: Record<string, string> = { authorization: auth, ...c.headers };
    let body = c.body;
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    }
    return fetch(url, { method, headers, body, redirect: 'manual' });
  };
  return {
    server,
    call,
    repo: async (id, extra = {}) => {
      const name = `${id}-${++counter}`;
      const res = await call('POST', '/repositories', {
        json: { name, storage_namespace: `local://tests/${name}`, ...extra },
      });
      if (res.status !== 201) throw new Error(`create repo: ${res.status} ${await res.text()}`);
      return `/repositories/${name}`;
    },
    close: () => server.close(),
  };
}

/** Uploads `content` (raw octet-stream) to a branch and returns the response JSON. */
export async function upload(
  api: Api,
  repo: string,
  branch: string,
  path: string,
  content: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await api.call('POST', `${repo}/branches/${branch}/objects`, {
    query: { path },
    body: content,
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });
  if (res.status !== 201) throw new Error(`upload ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Commits a branch and returns the commit JSON. */
export async function commit(api: Api, repo: string, branch: string, message = 'c', extra = {}) {
  const res = await api.call('POST', `${repo}/branches/${branch}/commits`, { json: { message, ...extra } });
  if (res.status !== 201) throw new Error(`commit: ${res.status} ${await res.text()}`);
  return (await res.json()) as {
    id: string;
    parents: string[];
    meta_range_id: string;
    metadata: Record<string, string>;
  };
}
