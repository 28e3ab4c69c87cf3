import type { EntryRecord } from '../types';

/** An entry as stored: a positional array (smaller and faster to parse than an object). */
export type StoredEntry = [string, string, number, number, string, Record<string, string>, string];

/** @returns the stored form of an entry */
export const encodeEntry = (e: EntryRecord): StoredEntry => [
  e.physicalAddress,
  e.checksum,
  e.sizeBytes,
  e.mtime,
  e.contentType,
  { ...e.metadata },
  e.identity,
];

/** @returns the entry a stored form holds */
export const decodeEntry = (s: StoredEntry): EntryRecord => ({
  physicalAddress: s[0],
  checksum: s[1],
  sizeBytes: s[2],
  mtime: s[3],
  contentType: s[4],
  metadata: s[5],
  identity: s[6],
});
