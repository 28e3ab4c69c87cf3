import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { authenticate, requireUser, type AuthConfig } from './auth/authenticate';
import { ApiError } from './http/ApiError';
import { FaultInjector } from './faults/FaultInjector';
import { createGateway } from './gateway/createGateway';
import type { RequestContext } from './http/context';
import { sendError } from './http/respond';
import { Router } from './http/Router';
import { PRESIGNED_PATH } from './presign/presignedUrl';
import { servePresigned } from './presign/servePresigned';
import { registerRoutes } from './routes';
import type { ServerDeps, ServerSettings } from './ServerDeps';
import { ServerState } from './store/ServerState';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Interface to bind. @default '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** Port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** @default a random `AKIA…` key */
  readonly accessKeyId?: string;
  /** @default a random secret */
  readonly secretAccessKey?: string;
  /** Keep object data in this directory instead of memory. @default undefined (memory) */
  readonly dataDir?: string;
  /** Absolute directories that `local://` imports may read. Imports are disabled when empty. @default [] */
  readonly importRoots?: readonly string[];
  /** Advertise `pre_sign_support` and serve signed URLs. @default true */
  readonly presign?: boolean;
  /** Lifetime of the presigned URLs the server hands out, in seconds (0: already expired, for tests). @default 900 */
  readonly presignExpirySeconds?: number;
}

/** A request as seen by {@link LocalServer.events}. */
export interface ServerRequestEvent {
  readonly method: string;
  readonly url: string;
}

/** A running local server. */
export interface LocalServer {
  /** Base URL, e.g. `http://127.0.0.1:41231` (the API is under `/api/v1`). */
  readonly url: string;
  /** The key pair the server accepts. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /**
   * Emits `request` (ServerRequestEvent) for every request and `aborted` (ServerRequestEvent) when a client
   * closed its connection before the response finished — tests count requests and observe cancellation.
   */
  readonly events: EventEmitter;
  /** Fault injection for reliability tests: queue one-shot faults or configure a seeded random plan. */
  readonly faults: FaultInjector;
  /** Every API route the server answers (method and path template relative to `/api/v1`). */
  readonly routes: readonly { readonly method: string; readonly path: string }[];
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'access-control-expose-headers':
    'etag, content-range, content-length, content-type, last-modified, x-request-id, location, retry-after',
  'access-control-max-age': '600',
};

function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('access-control-allow-origin', origin ?? '*');
  if (origin) res.setHeader('vary', 'origin');
  for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
  const asked = req.headers['access-control-request-headers'];
  res.setHeader(
    'access-control-allow-headers',
    typeof asked === 'string' && asked ? asked : 'authorization, content-type, range, if-none-match',
  );
}

/**
 * Starts the local lakeFS-compatible server (development and tests only).
 * @example
 * const server = await startServer();
 * const lakefs = new LakeFS({ endpoint: server.url, ...server.credentials });
 */
export async function startServer(options: ServerOptions = {}): Promise<LocalServer> {
  const accessKeyId = options.accessKeyId ?? `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = options.secretAccessKey ?? randomBytes(30).toString('base64url');
  const auth: AuthConfig = {
    userId: 'admin',
    accessKeyId,
    secretAccessKey,
    tokenSecret: randomBytes(32).toString('hex'),
    revokedTokens: new Set(),
  };
  const settings: ServerSettings = {
    importRoots: (options.importRoots ?? []).map((r) => resolve(r)),
    presign: options.presign ?? true,
    dataDir: options.dataDir,
    baseUrl: '',
    signingSecret: randomBytes(32).toString('hex'),
    presignExpirySeconds: options.presignExpirySeconds ?? 900,
  };
  const deps: ServerDeps = { state: new ServerState(settings), auth, settings };
  const router = new Router();
  registerRoutes(router, deps);
  const gateway = createGateway(deps);
  const events = new EventEmitter();
  const faults = new FaultInjector();

  const server: Server = createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    applyCors(req, res);
    const event: ServerRequestEvent = { method: req.method ?? 'GET', url: req.url ?? '/' };
    events.emit('request', event);
    res.on('close', () => {
      if (!res.writableFinished) events.emit('aborted', event);
    });
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (url.pathname === '/_health') {
        res.writeHead(200);
        res.end('alive!');
        return;
      }
      const faultable = url.pathname.startsWith('/api/v1') || url.pathname.startsWith(PRESIGNED_PATH);
      if (faultable && (await faults.apply(req, res, url.pathname))) return;
      if (url.pathname.startsWith(PRESIGNED_PATH)) return await servePresigned(req, res, url, deps);
      // everything outside the API is lakeFS's S3 gateway (path-style: /<repository>/<ref>/<path>)
      if (!url.pathname.startsWith('/api/v1')) return await gateway(req, res, url);
      const found = router.find(req);
      if (!found) {
        if (url.pathname.startsWith('/api/v1')) throw new ApiError(404, 'invalid API endpoint');
        throw new ApiError(404, 'not found');
      }
      let cached: { user: string | undefined } | undefined;
      const optionalUser = (): string | undefined => (cached ??= { user: authenticate(req, auth) }).user;
      const ctx: RequestContext = {
        req,
        res,
        params: found.params,
        query: url.searchParams,
        user: () => requireUser(optionalUser()),
        optionalUser,
      };
      await found.handler(ctx);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(500, error instanceof Error ? error.message : String(error));
      if (!req.complete) req.resume();
      sendError(req, res, apiError);
    }
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const address = server.address() as AddressInfo;
  const displayHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${displayHost}:${address.port}`;
  settings.baseUrl = url;
  return {
    url,
    credentials: { accessKeyId, secretAccessKey },
    events,
    faults,
    routes: router.routes(),
    close: () =>
      new Promise<void>((ok) => {
        faults.releaseAll();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
