import { LakeFSError } from './LakeFSError';

/** A response body did not match its io-ts codec. `fieldPath` names the first failing field. */
export class DecodeError extends LakeFSError {
  /** Dotted path of the first field that failed, e.g. `results.0.creation_date`. */
  readonly fieldPath: string;
  /** Every failing path with what was expected there. */
  readonly problems: readonly string[];
  constructor(what: string, fieldPath: string, problems: readonly string[]) {
    super(`could not decode ${what}: ${problems[0] ?? fieldPath}`);
    this.fieldPath = fieldPath;
    this.problems = problems;
  }
}

/** A response did not start, or a body stalled, within its timeout. */
export class TimeoutError extends LakeFSError {
  /** Which timeout fired. */
  readonly phase: 'response' | 'idle-body' | 'stall';
  readonly timeoutMs: number;
  constructor(phase: 'response' | 'idle-body' | 'stall', timeoutMs: number, what: string) {
    super(`${what}: no progress for ${timeoutMs} ms (${phase} timeout)`);
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The request never got an HTTP answer (connection refused, reset, DNS…). */
export class NetworkError extends LakeFSError {
  readonly method: string;
  readonly path: string;
  /** True when no response arrived at all (safe to retry an idempotent request). */
  readonly beforeResponse: boolean;
  constructor(method: string, path: string, cause: unknown, beforeResponse = true) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const when = beforeResponse ? 'before a response' : 'while reading the response body';
    super(`${method} ${path} failed ${when}: ${reason}`, { cause });
    this.method = method;
    this.path = path;
    this.beforeResponse = beforeResponse;
  }
}

/** No usable endpoint or credentials were found; the message says where the client looked. */
export class ConfigurationError extends LakeFSError {}

/** An import failed, was cancelled, or stalled. */
export class ImportManagerError extends LakeFSError {
  /** The import id, when one was started. */
  readonly importId: string | undefined;
  constructor(message: string, importId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.importId = importId;
  }
}

/** A transaction failed; `cause` holds the original error (its class stays reachable). */
export class TransactionError extends LakeFSError {
  /** The ephemeral branch the transaction used. */
  readonly transactionBranch: string;
  /** Whether that branch was deleted after the failure. */
  readonly branchDeleted: boolean;
  constructor(message: string, transactionBranch: string, branchDeleted: boolean, cause: unknown) {
    super(message, { cause });
    this.transactionBranch = transactionBranch;
    this.branchDeleted = branchDeleted;
  }
}

/** A bulk delete left some paths in place; `failures` lists each with its status and message. */
export class DeleteObjectsError extends LakeFSError {
  readonly failures: readonly { path: string; statusCode: number; message: string }[];
  constructor(failures: readonly { path: string; statusCode: number; message: string }[]) {
    super(
      `${failures.length} path(s) could not be deleted: ` +
        failures
          .slice(0, 5)
          .map((f) => `${f.path} (${f.statusCode} ${f.message})`)
          .join(', ') +
        (failures.length > 5 ? ', …' : ''),
    );
    this.failures = failures;
  }
}
