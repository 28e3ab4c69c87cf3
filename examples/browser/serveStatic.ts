import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** A running static file server. */
export interface StaticServer {
  /** e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the files of `root` on loopback (GET only, no directory listings, nothing outside `root`).
 * @param root - the directory to serve
 * @param options - `port` to listen on (@default 0: a free one); `generated`: extra files by URL path,
 *   e.g. `{ '/lakefs-config.json': '{…}' }` — how a page gets its connection settings without them in its URL
 * @returns the server, already listening
 */
export async function serveStatic(
  root: string,
  options: { readonly port?: number; readonly generated?: Readonly<Record<string, string>> } = {},
): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const generated = options.generated?.[pathname];
    if (req.method === 'GET' && generated !== undefined) {
      res
        .writeHead(200, {
          'content-type': TYPES[extname(pathname)] ?? 'text/plain',
          'cache-control': 'no-store',
        })
        .end(generated);
      return;
    }
    const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (req.method !== 'GET' || !file.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // a browser tab still open keeps its connections; close() alone would wait out their idle timeout
        server.closeAllConnections();
      }),
  };
}
