import { type WriteStream, createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where downloaded bytes go: a file (written atomically) or a stream such as stdout. */
export interface ByteSink {
  /** Queues `chunk` for writing. */
  write(chunk: Uint8Array): void;
  /** Resolves once everything written is in place. */
  finish(): Promise<void>;
  /** Drops what was written (no-op after {@link ByteSink.finish} resolved). */
  abort(): void;
}

/**
 * A sink that writes to a temporary sibling of `path` and renames it into place on {@link ByteSink.finish},
 * so that a failed or interrupted download never leaves a partial file behind.
 * @param path - the destination file (parent directories are created)
 * @returns the sink
 */
export function fileSink(path: string): ByteSink {
  const partial = `${path}.lakefs-rx-partial`;
  mkdirSync(dirname(path), { recursive: true });
  const out: WriteStream = createWriteStream(partial);
  let failure: Error | undefined;
  out.on('error', (error) => (failure ??= error));
  let state: 'open' | 'finished' | 'aborted' = 'open';
  return {
    // The file stream queues what the disk has not taken yet; a download rarely outruns a local disk.
    write: (chunk) => void out.write(chunk),
    finish: () =>
      new Promise<void>((resolve, reject) => {
        out.end(() => (failure === undefined ? resolve() : reject(failure)));
      }).then(async () => {
        await rename(partial, path);
        state = 'finished';
      }),
    abort: () => {
      if (state !== 'open') return;
      state = 'aborted';
      out.destroy();
      void rm(partial, { force: true });
    },
  };
}

/**
 * A sink onto an already open stream (stdout); finishing waits until the stream has taken everything.
 * @param stream - where bytes go; it is not closed
 * @returns the sink
 */
export function streamSink(stream: NodeJS.WritableStream): ByteSink {
  let flushed = true;
  return {
    write: (chunk) => {
      flushed = stream.write(chunk);
    },
    finish: () =>
      flushed ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', () => resolve())),
    abort: () => undefined,
  };
}
