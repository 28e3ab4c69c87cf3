/**
 * What the transport reads from a node-fetch (cross-fetch in Node) response: the WHATWG `Response`
 * members, except that `body` is a Node stream, which is an async iterable of chunks.
 */
interface NodeFetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected: boolean;
  readonly headers: Headers;
  readonly body: (AsyncIterable<Uint8Array> & { destroy?(): void }) | null;
  readonly bodyUsed: boolean;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  blob(): Promise<Blob>;
}

/** Pulls a Node stream through a web stream, one chunk per pull; cancelling destroys the Node stream. */
function toWebStream(body: AsyncIterable<Uint8Array> & { destroy?(): void }): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next: IteratorResult<Uint8Array> = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return?.();
        body.destroy?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A node-fetch response seen through the WHATWG `Response` interface. Bodies read in one piece go
 * straight to node-fetch; `body` becomes a web `ReadableStream` only when it is asked for, so JSON
 * answers pay nothing for the conversion.
 */
class WebBodyResponse {
  private webBody: ReadableStream<Uint8Array> | null | undefined;

  constructor(private readonly inner: NodeFetchResponse) {}

  get status(): number {
    return this.inner.status;
  }
  get statusText(): string {
    return this.inner.statusText;
  }
  get ok(): boolean {
    return this.inner.ok;
  }
  get url(): string {
    return this.inner.url;
  }
  get redirected(): boolean {
    return this.inner.redirected;
  }
  get headers(): Headers {
    return this.inner.headers;
  }
  get bodyUsed(): boolean {
    return this.webBody !== undefined || this.inner.bodyUsed;
  }
  get body(): ReadableStream<Uint8Array> | null {
    if (this.webBody === undefined)
      this.webBody = this.inner.body === null ? null : toWebStream(this.inner.body);
    return this.webBody;
  }
  text(): Promise<string> {
    return this.inner.text();
  }
  json(): Promise<unknown> {
    return this.inner.json();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.inner.arrayBuffer();
  }
  blob(): Promise<Blob> {
    return this.inner.blob();
  }
}

/**
 * Wraps a node-fetch response so that the transport, `readStream()` and user code see a web stream
 * body, as with the global fetch.
 * @param response - what node-fetch resolved to
 * @returns the same response behind the `Response` interface the client reads
 */
export function webBodyResponse(response: Response): Response {
  const body = (response as { body: unknown }).body;
  // already a web stream (a global fetch behind the same name): nothing to adapt
  if (body === null || (typeof body === 'object' && 'getReader' in body)) return response;
  // The members the client reads are all there; the rest of `Response` (clone, formData) is not used.
  return new WebBodyResponse(response as unknown as NodeFetchResponse) as unknown as Response;
}
