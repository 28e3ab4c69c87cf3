import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Ways the server can misbehave on purpose.
 * @group Faults
 */
export type FaultKind =
  /** answer 503 with `Retry-After` before running the handler */
  | 'unavailable'
  /** answer 429 with `Retry-After` before running the handler */
  | 'throttle'
  /** destroy the connection before running the handler (nothing happened) */
  | 'reset-before'
  /** run the handler, then destroy the connection instead of sending the answer (it did happen) */
  | 'reset-after'
  /** delay the request by `latencyMs` before running the handler */
  | 'latency'
  /** send the headers and half of the body, then destroy the connection */
  | 'truncate'
  /** send the headers and half of the body, then hold the connection open without sending more */
  | 'stall'
  /** hold the request forever (a server that never answers) */
  | 'hang';

/**
 * Decides which requests a fault applies to.
 * @group Faults
 */
export type FaultMatcher = (method: string, path: string) => boolean;

/**
 * Random fault injection at a rate, reproducible from a seed.
 * @group Faults
 */
export interface FaultPlan {
  /** Probability in [0, 1] that a matching request gets a fault. */
  readonly rate: number;
  /** Seed of the generator, so a run can be replayed. @default 1 */
  readonly seed?: number;
  /** Faults to draw from, uniformly. @default ['unavailable', 'throttle', 'reset-before', 'reset-after', 'latency'] */
  readonly kinds?: readonly FaultKind[];
  /** Delay of a `latency` fault. @default 50 */
  readonly latencyMs?: number;
  /** `Retry-After` seconds of `unavailable` / `throttle`. @default 0 */
  readonly retryAfterSeconds?: number;
  /** Which requests may be hit. @default every API request */
  readonly match?: FaultMatcher;
}

/**
 * One fault the injector applied, in the order it applied them.
 * @group Faults
 */
export interface InjectedFault {
  /** What was done to the request. */
  readonly kind: FaultKind;
  /** The request's HTTP method. */
  readonly method: string;
  /** URL path of the request (no query string). */
  readonly path: string;
}

interface QueuedFault {
  kind: FaultKind;
  remaining: number;
  match: FaultMatcher;
  latencyMs: number;
  retryAfterSeconds: number;
}

/** A small deterministic PRNG (mulberry32). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const everything: FaultMatcher = () => true;

/**
 * Makes the local server misbehave: queued one-shot faults for deterministic tests ("503 twice, then
 * answer") and a seeded random plan for soak tests. Counts what it injected.
 * @group Faults
 */
export class FaultInjector {
  private queue: QueuedFault[] = [];
  private plan: (FaultPlan & { random: () => number }) | undefined;
  /** How many faults of each kind were injected. */
  readonly injected = new Map<FaultKind, number>();
  /**
   * Every fault applied since the last {@link FaultInjector.clear}, in order: tests use it to tell the
   * requests that reached their handler (e.g. a commit that did happen) from those that did not.
   */
  readonly history: InjectedFault[] = [];
  /** Connections held by `hang`, released on close. */
  private readonly hanging = new Set<ServerResponse>();

  /** Queues `kind` for the next `count` matching requests. */
  inject(
    kind: FaultKind,
    options: { count?: number; match?: FaultMatcher; latencyMs?: number; retryAfterSeconds?: number } = {},
  ): void {
    this.queue.push({
      kind,
      remaining: options.count ?? 1,
      match: options.match ?? everything,
      latencyMs: options.latencyMs ?? 50,
      retryAfterSeconds: options.retryAfterSeconds ?? 0,
    });
  }

  /** Starts (or, with `undefined`, stops) random injection. */
  configure(plan: FaultPlan | undefined): void {
    this.plan = plan ? { ...plan, random: generator(plan.seed ?? 1) } : undefined;
  }

  /** Drops queued faults and the random plan. */
  clear(): void {
    this.queue = [];
    this.plan = undefined;
    this.history.length = 0;
  }

  /** Releases hung requests (called when the server closes). */
  releaseAll(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  /**
   * Applies a fault to this request if one is due. Returns true when the request was answered (the
   * handler must not run), false when the handler should run (possibly with a wrapped response).
   */
  async apply(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const fault = this.next(req.method ?? 'GET', path);
    if (!fault) return false;
    this.injected.set(fault.kind, (this.injected.get(fault.kind) ?? 0) + 1);
    this.history.push({ kind: fault.kind, method: req.method ?? 'GET', path });
    switch (fault.kind) {
      case 'unavailable':
      case 'throttle': {
        req.resume();
        const status = fault.kind === 'unavailable' ? 503 : 429;
        const message =
          status === 503 ? 'Throughput exceeded. Slow down and retry' : 'Too many attempts, try again later';
        res.writeHead(status, {
          'content-type': 'application/json',
          'retry-after': String(fault.retryAfterSeconds),
        });
        res.end(`${JSON.stringify({ message })}\n`);
        return true;
      }
      case 'reset-before':
        req.socket.destroy();
        return true;
      case 'hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return true;
      case 'latency':
        await new Promise((ok) => setTimeout(ok, fault.latencyMs));
        return false;
      case 'reset-after':
        res.end = ((..._args: unknown[]) => {
          req.socket.destroy();
          return res;
        }) as ServerResponse['end'];
        return false;
      case 'truncate':
        truncate(res, () => req.socket.destroy());
        return false;
      case 'stall':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        truncate(res, () => undefined);
        return false;
    }
  }

  private next(method: string, path: string): QueuedFault | undefined {
    const queued = this.queue.find((f) => f.remaining > 0 && f.match(method, path));
    if (queued) {
      queued.remaining -= 1;
      if (queued.remaining === 0) this.queue = this.queue.filter((f) => f !== queued);
      return queued;
    }
    const plan = this.plan;
    if (!plan || !(plan.match ?? everything)(method, path)) return undefined;
    if (plan.random() >= plan.rate) return undefined;
    const kinds = plan.kinds ?? ['unavailable', 'throttle', 'reset-before', 'reset-after', 'latency'];
    const kind = kinds[Math.floor(plan.random() * kinds.length)] ?? 'unavailable';
    return {
      kind,
      remaining: 0,
      match: everything,
      latencyMs: plan.latencyMs ?? 50,
      retryAfterSeconds: plan.retryAfterSeconds ?? 0,
    };
  }
}

/** Lets half of the declared (or first written) body through, then calls `cut` (which may hold or destroy). */
function truncate(res: ServerResponse, cut: () => void): void {
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  let budget: number | undefined;
  const allow = (chunk: unknown): void => {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(typeof chunk === 'string' ? chunk : '');
    if (budget === undefined) {
      const declared = Number(res.getHeader('content-length') ?? buf.length);
      budget = Math.floor(declared / 2);
    }
    if (budget > 0) {
      const part = buf.subarray(0, budget);
      budget -= part.length;
      write(part);
    }
  };
  res.write = ((chunk: unknown) => {
    allow(chunk);
    if (budget === 0) setImmediate(cut);
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') allow(chunk);
    setImmediate(cut);
    return res;
  }) as ServerResponse['end'];
}
