import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { identify, requireUser, type AuthConfig } from './auth/authenticate';
import { ApiError, unauthorized } from './http/ApiError';
import { FaultInjector } from './faults/FaultInjector';
import { createGateway, isAwsSignedRequest } from './gateway/createGateway';
import type { RequestContext } from './http/context';
import { limitBody, sendError } from './http/respond';
import { Router } from './http/Router';
import { specMatch } from './http/specOperation';
import { iamOf } from './iam/IamStore';
import { iamToJson, loadIam } from './iam/iamSnapshot';
import { OPERATION_PERMISSIONS } from './iam/operationPermissions';
import { PRESIGNED_PATH } from './presign/presignedUrl';
import { servePresigned } from './presign/servePresigned';
import { registerRoutes } from './routes';
import type { ServerDeps, ServerSettings } from './ServerDeps';
import { openDataDir } from './store/durable/openDataDir';
import { type ReclaimOptions, type ReclaimReport, reclaimSpace } from './store/reclaimSpace';
import { ServerState } from './store/ServerState';

/**
 * Options of {@link startServer}.
 * @group Server
 */
export interface ServerOptions {
  /** Interface to bind. @default '127.0.0.1' (loopback only) */
  readonly host?: string;
  /** Port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** @default a random `AKIA…` key */
  readonly accessKeyId?: string;
  /** @default a random secret */
  readonly secretAccessKey?: string;
  /**
   * Keep everything — object data, repositories, branches, tags, commits, staged changes, import status and
   * the generated credentials — in this directory, through restarts and crashes (needs the optional
   * dependency better-sqlite3). @default undefined (memory)
   */
  readonly dataDir?: string;
  /** Absolute directories that `local://` imports may read. Imports are disabled when empty. @default [] */
  readonly importRoots?: readonly string[];
  /**
   * Advertise `pre_sign_support` and serve signed URLs. Off by default, like a real lakeFS on a local
   * blockstore (which refuses `presign=true`), so clients take the same path against both. @default false
   */
  readonly presign?: boolean;
  /**
   * How often unreferenced object bytes (and, with a data directory, unused tree nodes) are freed, in ms;
   * 0 never. @default 60000
   */
  readonly reclaimIntervalMs?: number;
  /** Open connections at once; further ones are refused until some close. @default 512 */
  readonly maxConnections?: number;
  /** A connection idle (no bytes either way) this long is closed. @default 60000 */
  readonly idleTimeoutMs?: number;
  /** Time for a whole request, body included, to arrive. @default 600000 */
  readonly requestTimeoutMs?: number;
  /** Lifetime of the presigned URLs the server hands out, in seconds (0: already expired, for tests). @default 900 */
  readonly presignExpirySeconds?: number;
}

/**
 * A request as seen by {@link LocalServer.events}.
 * @group Server
 */
export interface ServerRequestEvent {
  /** The request's HTTP method. */
  readonly method: string;
  /** The request's URL as sent: path and query string (`/api/v1/…?id=…`), no host. */
  readonly url: string;
}

/**
 * A running local server.
 * @group Server
 */
export interface LocalServer {
  /** Base URL, e.g. `http://127.0.0.1:41231` (the API is under `/api/v1`). */
  readonly url: string;
  /** `memory`, or `persistent` when a data directory keeps the state. */
  readonly mode: 'memory' | 'persistent';
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
  /**
   * Frees now what the periodic reclamation would free: unreferenced object bytes and unused tree nodes.
   * @param options - grace period for fresh objects
   * @returns what was freed
   */
  reclaimSpace(options?: ReclaimOptions): Promise<ReclaimReport>;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** Body bytes a request without valid credentials may send (a login is well under 1 KiB). */
const STRANGER_BODY_LIMIT = 64 * 1024;
/** Unread bodies up to this size are drained so the connection can be reused; larger ones close it. */
const DRAIN_LIMIT = 64 * 1024;
/** Time for a client to send its request headers (slow-header sockets are closed). */
const HEADERS_TIMEOUT_MS = 20_000;
/** Time for a whole request to arrive, body included: bounds even a slowly trickled upload. */
const REQUEST_TIMEOUT_MS = 10 * 60_000;
/** A connection with no traffic either way for this long is closed. */
const IDLE_TIMEOUT_MS = 60_000;
/** Open connections at once; more are refused until some close. */
const MAX_CONNECTIONS = 512;

/**
 * After an error answer: a small unread body is drained so the connection stays usable; a large or
 * unknown-length one (perhaps never coming) is not read — the connection closes after the answer.
 */
function settleBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared <= DRAIN_LIMIT) req.resume();
  else if (!res.headersSent) res.setHeader('connection', 'close');
}

const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
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
 * Commits the metadata written so far before the response's head leaves (every response goes through
 * `writeHead`, explicitly or implicitly), so nothing is acknowledged before it is durable.
 */
/** The `meta` key under which a data directory keeps users, groups, policies and their keys. */
const IAM_META_KEY = 'iam';

function commitBeforeResponding(res: ServerResponse, db: { flush(): void }, before?: () => void): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as { writeHead: (...args: unknown[]) => ServerResponse }).writeHead = (...args) => {
    before?.();
    db.flush();
    return writeHead(...args);
  };
}

/**
 * Starts the local lakeFS-compatible server (development and tests only).
 * @example
 * const server = await startServer();
 * const lakefs = new LakeFS({ endpoint: server.url, ...server.credentials });
 * @group Server
 */
export async function startServer(options: ServerOptions = {}): Promise<LocalServer> {
  const dataDir = options.dataDir ? await openDataDir(options.dataDir) : undefined;
  // generated once per data directory and kept there; explicit options win without replacing them
  const secret = (name: string, make: () => string): string => dataDir?.secret(name, make) ?? make();
  const accessKeyId =
    options.accessKeyId ?? secret('accessKeyId', () => `AKIA${randomBytes(8).toString('hex').toUpperCase()}`);
  const secretAccessKey =
    options.secretAccessKey ?? secret('secretAccessKey', () => randomBytes(30).toString('base64url'));
  const auth: AuthConfig = {
    userId: 'admin',
    accessKeyId,
    secretAccessKey,
    tokenSecret: secret('tokenSecret', () => randomBytes(32).toString('hex')),
  };
  const settings: ServerSettings = {
    importRoots: (options.importRoots ?? []).map((r) => resolve(r)),
    presign: options.presign ?? false,
    dataDir: options.dataDir,
    baseUrl: '',
    signingSecret: secret('signingSecret', () => randomBytes(32).toString('hex')),
    presignExpirySeconds: options.presignExpirySeconds ?? 900,
  };
  const deps: ServerDeps = { state: new ServerState(settings, dataDir?.records), auth, settings };
  dataDir?.db.flush();
  const reclaimEvery = options.reclaimIntervalMs ?? 60_000;
  let reclaiming = false;
  const reclaimer =
    reclaimEvery > 0
      ? setInterval(() => {
          if (reclaiming) return;
          reclaiming = true;
          void reclaimSpace(deps.state)
            .catch(() => undefined)
            .finally(() => (reclaiming = false));
        }, reclaimEvery).unref()
      : undefined;
  const router = new Router();
  const iam = iamOf(auth);
  const savedIam = dataDir?.db.getMeta(IAM_META_KEY);
  if (savedIam) loadIam(iam, savedIam);
  // users, groups, policies and keys change only through /auth; their snapshot is written with the answer
  const saveIam = dataDir
    ? (): void => dataDir.db.setMeta(IAM_META_KEY, iamToJson(iam, auth.accessKeyId))
    : undefined;
  registerRoutes(router, deps);
  const gateway = createGateway(deps);
  const events = deps.state.events;
  const faults = new FaultInjector();

  const server: Server = createServer((req, res) => {
    if (dataDir) {
      const changesIam = req.method !== 'GET' && (req.url ?? '').startsWith('/api/v1/auth/');
      commitBeforeResponding(res, dataDir.db, changesIam ? saveIam : undefined);
    }
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
      // everything outside the API is lakeFS's S3 gateway (path-style: /<repository>/<ref>/<path>), and so
      // is any AWS-signed request, as in lakeFS (an S3 endpoint wrongly set to .../api/v1 gets S3 errors)
      if (!url.pathname.startsWith('/api/v1') || isAwsSignedRequest(req, url.searchParams))
        return await gateway(req, res, url);
      const identity = identify(req, auth);
      // a stranger (no or invalid credentials) may send only a small body: enough for lakeFS's order
      // (validation, then 401) on any legitimate request, never enough to make the server buffer much
      if (identity.user === undefined)
        limitBody(req, STRANGER_BODY_LIMIT, () => identity.refused ?? unauthorized());
      const optionalUser = (): string | undefined => {
        if (identity.refused) throw identity.refused;
        return identity.user;
      };
      const found = router.find(req);
      const match = specMatch(req.method ?? 'GET', url.pathname.slice('/api/v1'.length));
      if (!found) {
        if (!url.pathname.startsWith('/api/v1')) throw new ApiError(404, 'not found');
        const operation = match?.operationId;
        if (!operation) throw new ApiError(404, 'invalid API endpoint');
        requireUser(optionalUser());
        throw new ApiError(
          501,
          `${operation}: not implemented (an operation of the lakeFS API that the lakefs-rx local server does not serve)`,
        );
      }
      const rule = match ? OPERATION_PERMISSIONS[match.operationId] : undefined;
      const ctx: RequestContext = {
        req,
        res,
        params: found.params,
        query: url.searchParams,
        user: (body) => {
          const user = requireUser(optionalUser());
          if (rule && match && (!rule.body || body))
            iam.authorize(
              user,
              rule.needs({ params: match.params, query: url.searchParams, body: body ?? {} }),
            );
          return user;
        },
        allows: (node) => iam.allows(requireUser(optionalUser()), node),
        authorize: (node) => iam.authorize(requireUser(optionalUser()), node),
        optionalUser,
      };
      await found.handler(ctx);
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(500, error instanceof Error ? error.message : String(error));
      settleBody(req, res);
      sendError(req, res, apiError);
    }
  }

  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  server.timeout = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
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
    mode: dataDir ? 'persistent' : 'memory',
    credentials: { accessKeyId, secretAccessKey },
    events,
    faults,
    routes: router.routes(),
    reclaimSpace: (reclaimOptions) => reclaimSpace(deps.state, reclaimOptions),
    close: () =>
      new Promise<void>((ok) => {
        faults.releaseAll();
        clearInterval(reclaimer);
        server.close(() => {
          dataDir?.db.close();
          ok();
        });
        server.closeAllConnections();
      }),
  };
}
