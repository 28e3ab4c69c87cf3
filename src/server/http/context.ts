import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PermissionNode } from '../iam/permissions';

/** One request as the route handlers see it. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  /**
   * Authenticates the request, checks the permissions its operation needs (lakeFS's RBAC) and returns the
   * user id, or throws 401. Handlers call it after validating their input, because lakeFS validates
   * requests before it authenticates them. Operations whose resources are named in the body (creating a
   * repository, user, branch…) pass the parsed body; without it only authentication happens.
   */
  user(body?: Readonly<Record<string, unknown>>): string;
  /** Whether the authenticated caller holds `node` (per-item checks, e.g. each path of a batch delete). */
  allows(node: PermissionNode): boolean;
  /** Throws lakeFS's 401 (`insufficient permissions: …`) unless the authenticated caller holds `node`. */
  authorize(node: PermissionNode): void;
  /** The user id when credentials were presented, `undefined` when none were (invalid ones still 401). */
  optionalUser(): string | undefined;
}

/** A route handler: writes the response itself. */
export type Handler = (ctx: RequestContext) => Promise<void> | void;
