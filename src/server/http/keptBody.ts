import type { IncomingMessage } from 'node:http';

// Bodies a pre-handler check already read, so the handler's own read gets the same bytes.
const kept = new WeakMap<IncomingMessage, Buffer>();

/** The body a check kept for `req`, if any. */
export const keptBody = (req: IncomingMessage): Buffer | undefined => kept.get(req);

/** Keeps `body` for the handler of `req` to read again. */
export function keepBody(req: IncomingMessage, body: Buffer): void {
  kept.set(req, body);
}
