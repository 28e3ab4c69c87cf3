import { LakeFSError } from './LakeFSError';

/**
 * What the transport knows about a failed request. Credentials are never part of it.
 * @group Errors
 */
export interface ServerErrorDetails {
  /** HTTP status code the server answered with. */
  readonly status: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request (without query string, which may carry secrets). */
  readonly path: string;
  /** The server's `message` field, or the raw body text when it sent no JSON error. */
  readonly serverMessage?: string;
  /** The server's request id (`X-Request-Id`), when it sent one. */
  readonly requestId?: string;
  /** Seconds or date from a `Retry-After` header, parsed to milliseconds. */
  readonly retryAfterMs?: number;
  /**
   * What the request addressed, in the user's terms (`repository "r"`, `object "a.csv" at r/main`), so that
   * a not-found says what was not found.
   */
  readonly subject?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * An HTTP answer outside 2xx/3xx. Subclasses name the common statuses.
 * @group Errors
 */
export class ServerError extends LakeFSError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly serverMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** What the request addressed (see {@link ServerErrorDetails.subject}), when the client knows it. */
  readonly subject: string | undefined;

  constructor(details: ServerErrorDetails) {
    const suffix = details.serverMessage ? `: ${details.serverMessage}` : '';
    const rid = details.requestId ? ` (request id ${details.requestId})` : '';
    const request = `${details.method} ${details.path} failed with ${details.status}${suffix}${rid}`;
    // A 404 leads with what was not found; the server's own words follow (a missing repository makes a
    // branch or object request fail too, and the server message tells which).
    const message =
      details.status === 404 && details.subject ? `${details.subject} not found (${request})` : request;
    super(message, { cause: details.cause });
    this.subject = details.subject;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * 400: the server rejected the request as malformed or invalid.
 * @group Errors
 */
export class BadRequestError extends ServerError {}
/**
 * 401: missing or wrong credentials.
 * @group Errors
 */
export class NotAuthorizedError extends ServerError {}
/**
 * 401 on an authorization denial (lakeFS never answers 403 for permissions).
 * @group Errors
 */
export class PermissionError extends NotAuthorizedError {}
/**
 * 403: read-only repository, protected branch, default-branch delete, forbidden import source.
 * @group Errors
 */
export class ForbiddenError extends ServerError {}
/**
 * 404: repository, branch, tag, commit, object or import not found.
 * @group Errors
 */
export class NotFoundError extends ServerError {}
/**
 * 404 for an object path.
 * @group Errors
 */
export class ObjectNotFoundError extends NotFoundError {}
/**
 * 409: already exists, merge conflict, name clash.
 * @group Errors
 */
export class ConflictError extends ServerError {}
/**
 * 410: repository in deletion, or object data gone.
 * @group Errors
 */
export class GoneError extends ServerError {}
/**
 * 412: precondition failed, e.g. `ifAbsent` upload over an existing path.
 * @group Errors
 */
export class PreconditionFailedError extends ServerError {}
/**
 * 416: the requested byte range cannot be satisfied.
 * @group Errors
 */
export class InvalidRangeError extends ServerError {}
/**
 * 429: too many requests / attempts.
 * @group Errors
 */
export class TooManyRequestsError extends ServerError {}
/**
 * 501 (and 405): the server does not support the operation.
 * @group Errors
 */
export class UnsupportedOperationError extends ServerError {}
/**
 * 5xx other than 501.
 * @group Errors
 */
export class InternalServerError extends ServerError {}
