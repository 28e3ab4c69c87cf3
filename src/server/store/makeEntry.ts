import { createHash } from 'node:crypto';
import type { EntryRecord } from './types';

/**
 * Builds an entry and computes its identity (size, checksum, sorted user metadata, content type), the
 * value lakeFS compares to decide whether an object changed; address and mtime are not part of it.
 * @param fields - the entry without its identity
 * @returns the complete entry
 */
export function makeEntry(fields: Omit<EntryRecord, 'identity'>): EntryRecord {
  const hash = createHash('sha256');
  const put = (s: string): void => {
    hash.update(`${Buffer.byteLength(s)}:`);
    hash.update(s);
  };
  put(String(fields.sizeBytes));
  put(fields.checksum);
  const keys = Object.keys(fields.metadata).sort();
  put(String(keys.length));
  for (const k of keys) {
    put(k);
    put(fields.metadata[k] ?? '');
  }
  put(fields.contentType);
  return { ...fields, identity: hash.digest('hex') };
}

/**
 * Whether two optional entries hold the same content (both missing counts as the same).
 * @returns true when neither exists or their identities match
 */
export const sameEntry = (a: EntryRecord | null | undefined, b: EntryRecord | null | undefined): boolean =>
  (a ?? undefined) === (b ?? undefined) || (!!a && !!b && a.identity === b.identity);
