import {
  type IncomingMessage,
  type ServerResponse,
  Agent,
  createServer,
  request as httpRequest,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy can do to one request, as a network or a load balancer would, outside the server. */
export type ProxyFault =
  /** close the client's connection before forwarding anything (the server never sees the request) */
  | 'reset-before'
  /** forward, let the server answer in full, then close the client's connection (the answer is lost) */
  | 'reset-after'
  /** answer 503 with `Retry-After: 1` without forwarding */
  | 'unavailable'
  /** answer 429 without forwarding */
  | 'throttle'
  /** forward, send the answer's headers and half its body, then close the connection */
  | 'truncate';

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Share of requests that get a fault. @default 0 */
  readonly rate?: number;
  /** Seed of the fault draw, so that a failing run can be replayed. @default 1 */
  readonly seed?: number;
  /** Faults drawn for ordinary requests. @default all of {@link ProxyFault} */
  readonly kinds?: readonly ProxyFault[];
  /**
   * Commits and merges are not idempotent: they only ever lose their answer (`reset-after`), at `rate`,
   * and always when this is true.
   */
  readonly dropCommitAnswers?: boolean;
}

/** A request as the proxy saw it, and what it did to it. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** A label for the kind of request (`upload`, `link`, `store PUT`, `commit` …). */
  readonly kind: string;
  /** The fault applied (a `truncate` drawn for an empty body is none). */
  fault: ProxyFault | undefined;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the server. */
  readonly url: string;
  /** Every request seen, in order of arrival. */
  readonly requests: ProxiedRequest[];
  /** Changes the fault settings from now on. */
  configure(options: FaultProxyOptions): void;
  close(): Promise<void>;
}

/** The kind of a request, from its method and path (the query is ignored). */
export function requestKind(method: string, path: string): string {
  if (path.startsWith('/_presigned/')) return `store ${method}`;
  if (/\/branches\/[^/]+\/commits$/.test(path) && method === 'POST') return 'commit';
  if (/\/refs\/[^/]+\/merge\/[^/]+$/.test(path) && method === 'POST') return 'merge';
  if (/\/branches\/[^/]+\/objects$/.test(path) && method === 'POST') return 'upload';
  if (/\/branches\/[^/]+\/staging\/backing$/.test(path)) return method === 'GET' ? 'staging address' : 'link';
  if (/\/objects\/stat$/.test(path)) return 'stat';
  if (/\/objects\/ls$/.test(path)) return 'list';
  if (/\/config\/storage$/.test(path)) return 'storage config';
  if (/\/branches\/[^/]+$/.test(path)) return `${method} branch`;
  if (/\/commits\/[^/]+$/.test(path)) return `${method} commit`;
  return `${method} other`;
}

/** A small seeded PRNG (mulberry32): the same seed draws the same faults. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL: readonly ProxyFault[] = ['reset-before', 'reset-after', 'unavailable', 'throttle', 'truncate'];

/**
 * A loopback HTTP proxy between a client and a server that injects faults the way a network does — from
 * outside the server, which never knows: connections reset before or after forwarding, 503 with
 * `Retry-After` and 429 from a "load balancer", bodies cut short. It keeps the `Host` header, so a server
 * that signs presigned URLs for the origin it was reached at points them at the proxy too.
 * @param target - the server's origin, e.g. `http://127.0.0.1:8000`
 * @param options - fault rate, seed and kinds
 * @returns the running proxy
 */
export async function startFaultProxy(target: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let settings = options;
  let random = seeded(options.seed ?? 1);
  const requests: ProxiedRequest[] = [];

  const draw = (kind: string): ProxyFault | undefined => {
    const rate = settings.rate ?? 0;
    if (kind === 'commit' || kind === 'merge')
      return settings.dropCommitAnswers || random() < rate ? 'reset-after' : undefined;
    if (random() >= rate) return undefined;
    const kinds = settings.kinds ?? ALL;
    return kinds[Math.floor(random() * kinds.length)];
  };

  const forward = (
    req: IncomingMessage,
    onAnswer: (status: number, headers: IncomingMessage['headers'], body: Buffer) => void,
    onError: () => void,
  ): void => {
    const out = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => onAnswer(answer.statusCode ?? 502, answer.headers, Buffer.concat(chunks)));
        answer.on('error', onError);
      },
    );
    out.on('error', onError);
    req.pipe(out);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    const kind = requestKind(method, path);
    const fault = draw(kind);
    const record: ProxiedRequest = { method, path, kind, fault };
    requests.push(record);
    const kill = (): void => {
      req.socket.destroy();
    };
    if (fault === 'reset-before') return kill();
    if (fault === 'unavailable' || fault === 'throttle') {
      // drain what the client sends before answering, as a load balancer reading the request would
      req.resume();
      req.on('end', () => {
        const status = fault === 'unavailable' ? 503 : 429;
        const body = JSON.stringify({
          message: fault === 'unavailable' ? 'service unavailable' : 'slow down',
        });
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(fault === 'unavailable' ? { 'retry-after': '1' } : {}),
        });
        res.end(body);
      });
      return;
    }
    forward(
      req,
      (status, headers, body) => {
        if (fault === 'reset-after') return kill();
        if (fault === 'truncate' && body.length > 1) {
          const { 'transfer-encoding': _chunked, ...rest } = headers;
          res.writeHead(status, { ...rest, 'content-length': String(body.length) });
          res.write(body.subarray(0, Math.floor(body.length / 2)), () => kill());
          return;
        }
        if (fault === 'truncate') record.fault = undefined; // nothing to cut short
        res.writeHead(status, headers);
        res.end(body);
      },
      kill,
    );
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    configure(next) {
      settings = next;
      random = seeded(next.seed ?? 1);
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
