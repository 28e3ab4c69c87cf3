/** An error the server answers with `{"message": …}` and a status, as lakeFS does. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A body other than `{message}` (e.g. merge conflicts answer `{"reference":""}`); a string is sent as text/plain. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message = 'not found'): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);
export const forbidden = (message: string): ApiError => new ApiError(403, message);
export const unauthorized = (): ApiError => new ApiError(401, 'error authenticating request');
