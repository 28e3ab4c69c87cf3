/** Where downloaded bytes go when they are not written to a file. */
export interface ByteSink {
  /** Queues `chunk` for writing. */
  write(chunk: Uint8Array): void;
  /** Resolves once the stream has taken everything written. */
  finish(): Promise<void>;
}

/**
 * A sink onto an already open stream such as stdout, which is never closed by it.
 * @param stream - where bytes go
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
  };
}
