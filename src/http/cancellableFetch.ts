import { Observable, type SchedulerLike, type Subscription, isObservable } from 'rxjs';
import type { FetchLike, RequestBody } from './types';

/** One fetch, described for {@link cancellableFetch}. */
export interface FetchCall<T> {
  readonly fetch: FetchLike;
  readonly url: string;
  /** Builds the init of this attempt around `signal`; `body` is the (re-armed) body to send. */
  init(signal: AbortSignal, body: RequestBody | undefined): RequestInit;
  /** The attempt's body (called once per subscription). */
  body(): RequestBody | undefined;
  /** Time allowed until the headers arrive, counted from the last body chunk sent; 0 disables. */
  readonly responseTimeoutMs: number;
  /** Time allowed for a body read in one piece between two chunks' worth of progress; 0 disables. */
  readonly idleTimeoutMs: number;
  readonly scheduler: SchedulerLike;
  /** The error for a timeout that fired. */
  timeout(phase: 'response' | 'idle-body', ms: number): Error;
  /** The error for a fetch that rejected (no answer) or resolved to something unusable. */
  failed(error: unknown, gotResponse: boolean): Error;
  /**
   * Reads the answer: a Promise for a body read in one piece (then the idle timer guards it), an
   * Observable for a streamed body (which applies its own timeouts). Whatever it emits is emitted.
   */
  handle(response: Response): Promise<T> | Observable<T>;
}

/**
 * The transport's primitive, in the way of rxjs `fromFetch`: one fetch per subscription with its own
 * AbortController and one re-armed timer (response, then idle body), the answer handed to `handle` inside
 * the same subscription. Unsubscribing before the end aborts the request; after the end nothing is aborted
 * (aborting a fetch whose body was read only costs an AbortError).
 *
 * A body read in one piece costs no operator chain and no second timer: per-request overhead is measured
 * in bench/requestOverhead.ts.
 */
export function cancellableFetch<T>(call: FetchCall<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    let settled = false;
    let timer: Subscription | undefined;
    const arm = (phase: 'response' | 'idle-body', ms: number): void => {
      timer?.unsubscribe();
      timer = undefined;
      if (ms <= 0 || subscriber.closed) return;
      timer = call.scheduler.schedule(() => {
        controller.abort();
        subscriber.error(call.timeout(phase, ms));
      }, ms);
    };
    // The response timeout counts from the last body chunk sent, so a long upload that keeps moving
    // never times out while a stalled one does.
    const armResponse = (): void => arm('response', call.responseTimeoutMs);
    armResponse();
    let inner: Subscription | undefined;
    // An injected fetch may throw instead of rejecting, or resolve to something that is not a Response:
    // both must end the subscription with a typed error, never escape as an unhandled rejection.
    let sent: Promise<Response>;
    try {
      const raw = call.body();
      const body =
        typeof ReadableStream !== 'undefined' && raw instanceof ReadableStream
          ? rearmOnPull(raw, armResponse)
          : raw;
      sent = Promise.resolve(call.fetch(call.url, call.init(controller.signal, body)));
    } catch (error) {
      sent = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    sent.then(
      (response) => {
        timer?.unsubscribe();
        if (subscriber.closed) {
          response?.body?.cancel().catch(() => undefined);
          return;
        }
        let next: Promise<T> | Observable<T>;
        try {
          if (!isResponse(response))
            throw new TypeError('fetch resolved to something that is not a Response');
          next = call.handle(response);
        } catch (error) {
          subscriber.error(call.failed(error, true));
          return;
        }
        if (isObservable(next)) {
          inner = next.subscribe({
            next: (value) => subscriber.next(value),
            // after an error (a stalled or broken body) the connection is aborted, so it is not left open
            error: (error: unknown) => subscriber.error(error),
            complete: () => {
              settled = true;
              subscriber.complete();
            },
          });
          return;
        }
        arm('idle-body', call.idleTimeoutMs);
        next.then(
          (value) => {
            timer?.unsubscribe();
            if (subscriber.closed) return;
            settled = true;
            subscriber.next(value);
            subscriber.complete();
          },
          (error: unknown) => {
            timer?.unsubscribe();
            // after a timeout the subscriber is closed already: the abort's rejection is not news
            if (!subscriber.closed) subscriber.error(error);
          },
        );
      },
      (error: unknown) => {
        timer?.unsubscribe();
        if (!subscriber.closed) subscriber.error(call.failed(error, false));
      },
    );
    return () => {
      timer?.unsubscribe();
      inner?.unsubscribe();
      if (!settled) controller.abort();
    };
  });
}

/** Passes a body stream through, calling `onChunk` each time a chunk is pulled and when it ends. */
function rearmOnPull(source: ReadableStream<Uint8Array>, onChunk: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        onChunk();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Whether `value` has what the transport reads from a fetch Response. */
function isResponse(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Response>;
  return typeof r.status === 'number' && typeof r.text === 'function' && typeof r.headers?.get === 'function';
}
