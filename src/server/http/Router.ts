import type { IncomingMessage, ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import type { Handler } from './context';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'PATCH';

/** A thin wrapper over find-my-way that routes `/api/v1/...` paths to handlers. */
export class Router {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 4096 });
  private readonly registered: { method: string; path: string }[] = [];
  /** Checks that run before a route's handler, by `METHOD path` (branch protection guards writes). */
  private readonly checks = new Map<string, Handler[]>();

  /** Runs `check` before the handler of `method` `path`; a check rejects a request by throwing. */
  before(method: Method, path: string, check: Handler): void {
    const key = `${method} /api/v1${path}`;
    this.checks.set(key, [...(this.checks.get(key) ?? []), check]);
  }

  /** Every registered route (relative to `/api/v1`), so tests can sweep them all. */
  routes(): readonly { method: string; path: string }[] {
    return this.registered;
  }

  /** Registers `handler` for `method` on `path` (relative to `/api/v1`). */
  on(method: Method | readonly Method[], path: string, handler: Handler): void {
    for (const m of typeof method === 'string' ? [method] : method) this.registered.push({ method: m, path });
    this.router.on(
      method as Method,
      `/api/v1${path}`,
      (_req, _res, params) => {
        // the store object carries the handler; find-my-way's own callback is unused
        void params;
      },
      { handler, path: `/api/v1${path}` },
    );
  }

  /** Finds the handler and path parameters for a request, or undefined. */
  find(req: IncomingMessage): { handler: Handler; params: Record<string, string | undefined> } | undefined {
    const method = (req.method ?? 'GET') as Method;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const found = this.router.find(method, path);
    if (!found) return undefined;
    const store = found.store as { handler: Handler; path: string } | undefined;
    if (!store) return undefined;
    const checks = this.checks.get(`${method} ${store.path}`);
    if (!checks) return { handler: store.handler, params: found.params };
    const handler: Handler = async (ctx) => {
      for (const check of checks) await check(ctx);
      await store.handler(ctx);
    };
    return { handler, params: found.params };
  }
}

export type { ServerResponse };
