import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  GoneError,
  InternalServerError,
  InvalidRangeError,
  NotAuthorizedError,
  NotFoundError,
  ObjectNotFoundError,
  PreconditionFailedError,
  ServerError,
  type ServerErrorDetails,
  TooManyRequestsError,
  UnsupportedOperationError,
} from './ServerError';

type ServerErrorClass = new (details: ServerErrorDetails) => ServerError;

/** The one status → error class table. */
const byStatus: ReadonlyMap<number, ServerErrorClass> = new Map<number, ServerErrorClass>([
  [400, BadRequestError],
  [401, NotAuthorizedError],
  [403, ForbiddenError],
  [404, NotFoundError],
  [405, UnsupportedOperationError],
  [409, ConflictError],
  [410, GoneError],
  [412, PreconditionFailedError],
  [416, InvalidRangeError],
  [429, TooManyRequestsError],
  [501, UnsupportedOperationError],
]);

/**
 * Builds the typed error for a failed response.
 * @param objectPath - set when the request addressed an object, so a 404 becomes `ObjectNotFoundError`
 * @group Errors
 */
export function errorForStatus(details: ServerErrorDetails, objectPath?: boolean): ServerError {
  if (details.status === 404 && objectPath) return new ObjectNotFoundError(details);
  const cls = byStatus.get(details.status) ?? (details.status >= 500 ? InternalServerError : ServerError);
  return new cls(details);
}
