import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { mkdir, open as openFile, opendir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { ApiError } from '../http/ApiError';
import type { Blockstore, ByteRange, StoredAddress, StoredBlob } from './Blockstore';
import { dataId, namespacePath } from './dataId';
import { openLocalAddress } from './openLocalAddress';
import { toBuffer } from './toBuffer';

/** Where uploads are written before they are complete (emptied at start: nothing there was acknowledged). */
export const PARTIAL_DIR = '.partial';

/** fsync of a directory, so a rename into it survives a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await openFile(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Renames a finished upload into place. Reclamation may remove its (still empty) directory between the
 * writer's `mkdir` and this rename: the directory is made again and the rename retried.
 */
async function renameIntoPlace(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error;
      await mkdir(dirname(to), { recursive: true });
    }
  }
}

/**
 * Keeps object data as files under a directory, addressed like lakeFS's local adapter:
 * `local://` + the absolute file path (`local:///<root>/<namespace>/data/<id>`). A write goes to a file
 * under `.partial/`, is fsynced, renamed into place and its directory fsynced before it is acknowledged,
 * so an object is either whole on disk or absent; what a killed process left in `.partial/` is removed
 * when the next one starts.
 */
export class DirectoryBlockstore implements Blockstore {
  private readonly root: string;
  private readonly partialDir: string;

  /**
   * @param root - the data directory
   * @param roots - further absolute directories whose files may be read (import roots)
   */
  constructor(
    root: string,
    private readonly roots: readonly string[],
  ) {
    this.root = resolve(root);
    this.partialDir = join(this.root, PARTIAL_DIR);
    rmSync(this.partialDir, { recursive: true, force: true });
    mkdirSync(this.partialDir, { recursive: true });
  }

  /** The data directory. */
  get directory(): string {
    return this.root;
  }

  private namespaceDir(namespace: string): string {
    const dir = resolve(join(this.root, namespacePath(namespace)));
    if (dir !== this.root && !dir.startsWith(this.root + sep))
      throw new ApiError(400, 'invalid namespace: invalid address');
    return dir;
  }

  newAddress(namespace: string): string {
    return `local://${join(this.namespaceDir(namespace), dataId())}`;
  }

  namespaceAddress(namespace: string, key: string): string {
    return `local://${join(this.namespaceDir(namespace), key)}`;
  }

  ownsAddress(namespace: string, address: string): boolean {
    return address.startsWith(`local://${join(this.namespaceDir(namespace), 'data')}/`);
  }

  write(namespace: string, data: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    return this.writeAt(this.newAddress(namespace), data);
  }

  async writeAt(address: string, data: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
    const path = resolve(address.slice('local://'.length));
    if (!address.startsWith('local:///') || !path.startsWith(this.root + sep))
      throw new ApiError(400, 'invalid address');
    const partial = join(this.partialDir, randomBytes(12).toString('hex'));
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(partial, { flush: true });
    // a write still in flight when an aborted upload destroys the stream errors late; keep it handled
    let failure: Error | undefined;
    out.on('error', (error) => {
      failure ??= error;
    });
    const md5 = createHash('md5');
    let size = 0;
    try {
      for await (const chunk of data) {
        if (failure) throw failure;
        const buf = toBuffer(chunk);
        md5.update(buf);
        size += buf.length;
        if (!out.write(buf)) await once(out, 'drain');
      }
      out.end();
      await finished(out);
      await renameIntoPlace(partial, path);
      await syncDirectory(dirname(path));
    } catch (error) {
      out.destroy();
      // a stream destroyed before its file was open still creates the file once the open completes
      if (!out.closed) await new Promise<void>((done) => out.once('close', () => done()));
      await rm(partial, { force: true });
      throw error;
    }
    return { address, checksum: md5.digest('hex'), sizeBytes: size };
  }

  async *stored(): AsyncIterable<StoredAddress> {
    yield* this.walk(this.root, false);
  }

  /** Files under a `data` directory of some namespace; the metadata database and `.partial/` are not objects. */
  private async *walk(dir: string, inData: boolean): AsyncIterable<StoredAddress> {
    const entries = await opendir(dir).catch(() => undefined);
    if (!entries) return;
    for await (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // `_lakefs/` holds the namespace marker and metadata files, never object data
        if (path !== this.partialDir && entry.name !== '_lakefs')
          yield* this.walk(path, inData || entry.name === 'data');
      } else if (inData && entry.isFile()) {
        const info = await stat(path).catch(() => undefined);
        if (info) yield { address: `local://${path}`, writtenAt: info.mtimeMs };
      }
    }
  }

  async pruneDirectories(): Promise<number> {
    return this.prune(this.root, false);
  }

  /** Post-order: children first, then the directory itself when it is (part of) a `data` directory. */
  private async prune(dir: string, inData: boolean): Promise<number> {
    const entries = await opendir(dir).catch(() => undefined);
    if (!entries) return 0;
    const children: { path: string; data: boolean }[] = [];
    for await (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && path !== this.partialDir)
        children.push({ path, data: inData || entry.name === 'data' });
    }
    let removed = 0;
    for (const child of children) {
      removed += await this.prune(child.path, child.data);
      // rmdir removes only an empty directory; one a write filled meanwhile stays (ENOTEMPTY)
      if (
        child.data &&
        (await rmdir(child.path).then(
          () => true,
          () => false,
        ))
      )
        removed++;
    }
    return removed;
  }

  async remove(address: string): Promise<number> {
    const path = resolve(address.slice('local://'.length));
    if (!address.startsWith('local:///') || !path.startsWith(this.root + sep)) return 0;
    const info = await stat(path).catch(() => undefined);
    await rm(path, { force: true });
    return info?.size ?? 0;
  }

  open(address: string, range?: ByteRange): Promise<Readable> {
    return openLocalAddress(address, [this.root, ...this.roots], range);
  }
}
