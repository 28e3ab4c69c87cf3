import { LakeFSError } from './LakeFSError';

/**
 * A response body did not match its io-ts codec. `fieldPath` names the first failing field.
 * @group Errors
 */
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

/**
 * A response did not start, or a body stalled, within its timeout.
 * @group Errors
 */
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

/** Socket error codes that mean the server was never reached. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Where a {@link NetworkError} struck and what the runtime said about it.
 * @group Errors
 */
export interface NetworkErrorDetails {
  /** Origin of the URL (`http://127.0.0.1:8000`), never its path's query or any userinfo. */
  readonly origin?: string;
  /** The socket error code (`ECONNREFUSED`, `ECONNRESET`, `UND_ERR_SOCKET` …), when the runtime gave one. */
  readonly code?: string;
  /** A last sentence, e.g. why the request was not resent. */
  readonly note?: string;
}

/**
 * The socket error code of a fetch failure (undici puts it on `cause`), if any.
 * @group Errors
 */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost message of a fetch failure: undici says `fetch failed` and keeps the reason in `cause`. */
function innermostMessage(error: unknown): string {
  const messageOf = (e: unknown): string | undefined =>
    typeof e === 'object' && e !== null && typeof (e as Error).message === 'string'
      ? (e as Error).message
      : undefined;
  let message = messageOf(error) ?? String(error);
  for (let e: unknown = error, depth = 0; messageOf(e) !== undefined && depth < 4; depth++) {
    const m = messageOf(e);
    if (m && m !== 'fetch failed') message = m;
    e = (e as Error).cause;
  }
  return message;
}

/**
 * The connection failed, or broke before the whole answer arrived. The message names the endpoint and
 * the cause: `cannot reach http://127.0.0.1:9199 (ECONNREFUSED)` when nothing was sent, and says when the
 * answer broke off after its headers.
 * @group Errors
 */
export class NetworkError extends LakeFSError {
  readonly method: string;
  readonly path: string;
  /** True when no response arrived at all; false when it broke off after the headers. */
  readonly beforeResponse: boolean;
  /** Origin of the request's URL, when known. */
  readonly origin: string | undefined;
  /** The socket error code, when the runtime gave one. */
  readonly code: string | undefined;
  constructor(
    method: string,
    path: string,
    cause: unknown,
    beforeResponse = true,
    details: NetworkErrorDetails = {},
  ) {
    const code = details.code ?? errorCode(cause);
    const reason = innermostMessage(cause);
    const why = code && !reason.includes(code) ? `${code}: ${reason}` : reason;
    const where = details.origin ?? 'the server';
    const what = `${method} ${path}`;
    let message: string;
    if (!beforeResponse) message = `${what}: the answer from ${where} broke off after its headers (${why})`;
    else if (code && UNREACHABLE.has(code)) message = `cannot reach ${where} (${code}) for ${what}`;
    else message = `${what}: no answer from ${where} (${why})`;
    super(details.note ? `${message}; ${details.note}` : message, { cause });
    this.method = method;
    this.path = path;
    this.beforeResponse = beforeResponse;
    this.origin = details.origin;
    this.code = code;
  }
}

/**
 * Whether a failed request may have been applied by the server: a network error after the connection was
 * made, or a timeout. (A refused connection was never sent.)
 * @param error - what the request failed with
 * @group Errors
 */
export function isLostAnswer(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  return error instanceof NetworkError && !(error.code !== undefined && UNREACHABLE.has(error.code));
}

/**
 * A write whose answer was lost (a network error or timeout after it was sent) and whose outcome the
 * client could not settle: it may or may not have been applied. It is never resent, since it is not
 * idempotent; the message says how to check.
 * @group Errors
 */
export class OutcomeUnknownError extends LakeFSError {
  /** What was attempted, e.g. `commit on r/main`. */
  readonly operation: string;
  constructor(operation: string, howToCheck: string, cause: unknown) {
    super(
      `${operation}: the answer was lost (${cause instanceof Error ? cause.message : String(cause)}); ` +
        `the change may have been applied. ${howToCheck}`,
      { cause },
    );
    this.operation = operation;
  }
}

/**
 * A JSON answer was larger than the client accepts to hold in memory (`maxJsonBytes`).
 * @group Errors
 */
export class ResponseTooLargeError extends LakeFSError {
  /** The cap that was exceeded, in bytes. */
  readonly limitBytes: number;
  constructor(what: string, limitBytes: number) {
    super(`${what}: the answer exceeds ${limitBytes} bytes (maxJsonBytes), so it was not read`);
    this.limitBytes = limitBytes;
  }
}

/**
 * Input the client rejects before sending anything (bad repository, branch or tag id, bad path, bad range,
 * bad option). Nothing was sent: it is a client error, not a server answer.
 * @group Errors
 */
export class ValidationError extends LakeFSError {
  /** The name of the offending argument. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`invalid ${field}: ${message}`);
    this.field = field;
  }
}

/**
 * No usable endpoint or credentials were found; the message says where the client looked.
 * @group Errors
 */
export class ConfigurationError extends LakeFSError {}

/**
 * An import failed, was cancelled, or stalled.
 * @group Errors
 */
export class ImportManagerError extends LakeFSError {
  /** The import id, when one was started. */
  readonly importId: string | undefined;
  constructor(message: string, importId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.importId = importId;
  }
}

/**
 * Why a transaction failed: the source branch has uncommitted changes or the tag exists (both found
 * before anything was changed), or one of its steps failed (`cause` holds that step's error).
 * @group Errors
 */
export type TransactionFailureReason = 'dirty-branch' | 'tag-exists' | 'failed';

/**
 * A transaction failed; `reason` says why and `cause` holds the original error, if any.
 * @group Errors
 */
export class TransactionError extends LakeFSError {
  /** The ephemeral branch the transaction used. */
  readonly transactionBranch: string;
  /** Whether that branch was deleted after the failure. */
  readonly branchDeleted: boolean;
  /** Why it failed. */
  readonly reason: TransactionFailureReason;
  constructor(
    message: string,
    transactionBranch: string,
    branchDeleted: boolean,
    cause: unknown,
    reason: TransactionFailureReason = 'failed',
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.transactionBranch = transactionBranch;
    this.branchDeleted = branchDeleted;
    this.reason = reason;
  }
}

/**
 * A bulk delete left some paths in place; `failures` lists each with its status and message.
 * @group Errors
 */
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

/**
 * A refs dump or restore task failed on the server (its status carried an error).
 * @group Errors
 */
export class RefsTaskError extends LakeFSError {
  /** The server's task id. */
  readonly taskId: string;
  constructor(message: string, taskId: string, options?: { cause?: unknown }) {
    super(message, options);
    this.taskId = taskId;
  }
}
