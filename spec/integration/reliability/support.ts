import { type Observable, lastValueFrom, toArray } from 'rxjs';
import type { Repository } from '../../../src';
import type { FaultMatcher, LocalServer, ServerRequestEvent } from '../../../src/server';

/** Matches requests by method and by a path test (a prefix string or a regular expression). */
export const on =
  (method: string, path: string | RegExp): FaultMatcher =>
  (m, p) =>
    m === method && (typeof path === 'string' ? p.startsWith(path) : path.test(p));

/** The error `source` fails with, or `undefined` when it succeeds. */
export const failureOf = (source: Observable<unknown> | Promise<unknown>): Promise<unknown> =>
  (source instanceof Promise ? source : lastValueFrom(source)).then(
    () => undefined,
    (error: unknown) => error,
  );

/** Every value of `source`. */
export const all = <T>(source: Observable<T>): Promise<T[]> => lastValueFrom(source.pipe(toArray()));

/** Ids of the repository's hidden transaction branches (`tx-…`). */
export const txBranches = async (repo: Repository): Promise<string[]> =>
  (await all(repo.branches({ showHidden: true }))).map((b) => b.id).filter((id) => id.startsWith('tx-'));

/** Resolves with the first server event of `name` whose request satisfies `match`. */
export function nextEvent(
  server: LocalServer,
  name: 'request' | 'aborted',
  match: FaultMatcher,
): Promise<ServerRequestEvent> {
  return new Promise((resolve) => {
    const listener = (event: ServerRequestEvent): void => {
      if (!match(event.method, new URL(event.url, 'http://x').pathname)) return;
      server.events.off(name, listener);
      resolve(event);
    };
    server.events.on(name, listener);
  });
}

/** Records the server's requests (method and path, no query) until `stop()` is called. */
export function recordRequests(server: LocalServer): {
  readonly requests: { method: string; path: string }[];
  count(match: FaultMatcher): number;
  stop(): void;
} {
  const requests: { method: string; path: string }[] = [];
  const listener = (event: ServerRequestEvent): void => {
    requests.push({ method: event.method, path: new URL(event.url, 'http://x').pathname });
  };
  server.events.on('request', listener);
  return {
    requests,
    count: (match) => requests.filter((r) => match(r.method, r.path)).length,
    stop: () => server.events.off('request', listener),
  };
}

/** Faults after which the request never reached its handler (it certainly did not happen). */
export const NOT_HANDLED = new Set(['unavailable', 'throttle', 'reset-before', 'hang']);

/**
 * How many requests matching `match` were handled by the server (sent, minus those a fault stopped
 * before the handler), from a request recording and the injector's history.
 */
export function handledCount(
  server: LocalServer,
  recording: { count(match: FaultMatcher): number },
  match: FaultMatcher,
): number {
  const stopped = server.faults.history.filter((f) => NOT_HANDLED.has(f.kind) && match(f.method, f.path));
  return recording.count(match) - stopped.length;
}
