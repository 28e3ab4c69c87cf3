import type { IncomingMessage, ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import type { Handler } from './context';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

/** A thin wrapper over find-my-way that routes `/api/v1/...` paths to handlers. */
export class Router {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 4096 });
  private readonly registered: { method: string; path: string }[] = [];

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
      { handler },
    );
  }

  /** Finds the handler and path parameters for a request, or undefined. */
  find(req: IncomingMessage): { handler: Handler; params: Record<string, string | undefined> } | undefined {
    const method = (req.method ?? 'GET') as Method;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const found = this.router.find(method, path);
    if (!found) return undefined;
    const store = found.store as { handler: Handler } | undefined;
    if (!store) return undefined;
    return { handler: store.handler, params: found.params };
  }
}

export type { ServerResponse };
