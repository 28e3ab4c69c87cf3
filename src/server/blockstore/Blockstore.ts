import type { Readable } from 'node:stream';

/** What a write stored: the address to keep in the entry, the hex MD5 and the size. */
export interface StoredBlob {
  readonly address: string;
  readonly checksum: string;
  readonly sizeBytes: number;
}

/** An inclusive byte range. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Object data storage behind the local server, addressed like lakeFS's local blockstore
 * (`local://…/data/<id>`).
 */
export interface Blockstore {
  /**
   * Streams `data` to a fresh address, computing the MD5 on the way; never holds the whole body.
   * @param namespace - the repository's storage namespace (`local://…`)
   * @param data - the bytes, consumed with backpressure
   * @returns the new address, checksum and size
   */
  write(namespace: string, data: AsyncIterable<Uint8Array>): Promise<StoredBlob>;
  /**
   * Streams `data` to a given address this store handed out (what a presigned PUT writes to), replacing
   * anything stored there, as an object store does.
   * @param address - an address from {@link Blockstore.newAddress}
   * @param data - the bytes, consumed with backpressure
   * @returns the address, checksum and size
   */
  writeAt(address: string, data: AsyncIterable<Uint8Array>): Promise<StoredBlob>;
  /**
   * Opens an address for reading. Rejects with 410 `No data` when nothing is stored there, 403 for a
   * `local:///` path outside the allowed roots.
   * @param address - a physical address this store wrote, or an absolute `local:///path`
   * @param range - the bytes to read (inclusive) @default the whole object
   * @returns a byte stream that honours backpressure
   */
  open(address: string, range?: ByteRange): Promise<Readable>;
  /**
   * A fresh, unused address under the namespace (for the staging "backing" flow).
   * @param namespace - the repository's storage namespace
   * @returns the address
   */
  newAddress(namespace: string): string;
  /**
   * The address of a namespace-relative key outside the data area, such as lakeFS's `_lakefs/<id>`
   * metadata files (which space reclamation leaves alone).
   * @param namespace - the repository's storage namespace
   * @param key - relative to the namespace, e.g. `_lakefs/<id>`
   * @returns the address, writable with {@link Blockstore.writeAt}
   */
  namespaceAddress(namespace: string, key: string): string;
  /**
   * Whether `address` lies in the namespace's data area (addresses this store hands out).
   * @returns true for `<namespace address>/data/…`
   */
  ownsAddress(namespace: string, address: string): boolean;
  /**
   * Every object this store holds in its own data area (not import roots), for space reclamation.
   * @returns addresses with the time each was written (ms)
   */
  stored(): AsyncIterable<StoredAddress>;
  /**
   * Frees the bytes at an address this store wrote (no-op when absent).
   * @param address - an address from {@link Blockstore.stored}
   * @returns how many bytes were freed
   */
  remove(address: string): Promise<number>;
  /**
   * Removes the directories under object data that removals left empty (a data directory; memory has
   * none). Only an empty directory is removed, atomically, so a concurrent write's file is never lost.
   * @returns how many were removed
   */
  pruneDirectories?(): Promise<number>;
}

/** An object a blockstore holds, as {@link Blockstore.stored} lists it. */
export interface StoredAddress {
  readonly address: string;
  /** When it was written, in ms. */
  readonly writtenAt: number;
}
