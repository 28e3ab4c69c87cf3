import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the route handlers see it. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  /**
   * Authenticates the request and returns the user id, or throws 401. Handlers call it after validating
   * their input, because lakeFS validates requests before it authenticates them.
   */
  user(): string;
  /** The user id when credentials were presented, `undefined` when none were (invalid ones still 401). */
  optionalUser(): string | undefined;
}

/** A route handler: writes the response itself. */
export type Handler = (ctx: RequestContext) => Promise<void> | void;
