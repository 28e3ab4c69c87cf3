import { createHash } from 'node:crypto';

/**
 * A content-derived commit id (64 hex chars): identical content in the same second gives the same id, as
 * in lakeFS. The encoding is ours, not lakeFS's; clients treat ids as opaque.
 */
export function commitId(fields: {
  committer: string;
  message: string;
  metaRangeId: string;
  creationDate: number;
  metadata: Readonly<Record<string, string>>;
  parents: readonly string[];
}): string {
  const hash = createHash('sha256');
  const put = (s: string): void => {
    hash.update(`${Buffer.byteLength(s)}:`);
    hash.update(s);
  };
  put('commit:v1');
  put(fields.committer);
  put(fields.message);
  put(fields.metaRangeId);
  put(String(fields.creationDate));
  const keys = Object.keys(fields.metadata).sort();
  put(String(keys.length));
  for (const k of keys) {
    put(k);
    put(fields.metadata[k] ?? '');
  }
  put(String(fields.parents.length));
  for (const p of fields.parents) put(p);
  return hash.digest('hex');
}
