import type { IncomingMessage } from 'node:http';

/**
 * User metadata from `X-Lakefs-Meta-<name>` headers (keys lower-cased, first value wins) and
 * `X-Lakefs-Internal-<x>` headers (stored as `::lakefs::<x>`), as lakeFS reads them on upload.
 * @returns the metadata map
 */
export function uploadMetadata(req: IncomingMessage): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    const first = values?.[0];
    if (first === undefined) continue;
    const lower = name.toLowerCase();
    if (lower.startsWith('x-lakefs-meta-')) metadata[lower.slice('x-lakefs-meta-'.length)] ??= first;
    else if (lower.startsWith('x-lakefs-internal-'))
      metadata[`::lakefs::${lower.slice('x-lakefs-internal-'.length)}`] ??= first;
  }
  return metadata;
}
