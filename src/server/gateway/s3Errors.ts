import { S3Error } from '../presign/S3Error';

/**
 * The S3 error codes the gateway answers with, their HTTP status and message, as lakeFS's gateway words
 * them (S3 clients key on the code; some, like the AWS SDKs, also on the status of a HEAD).
 */
const CODES = {
  AccessDenied: [403, 'Access Denied.'],
  AuthorizationHeaderMalformed: [400, 'The authorization header is malformed.'],
  AuthorizationQueryParametersError: [400, 'Error parsing the X-Amz-Credential or X-Amz-Expires parameter.'],
  BucketAlreadyExists: [
    409,
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  ],
  BadDigest: [400, 'The checksum you specified did not match what we received.'],
  BadRequest: [400, '400 BadRequest'],
  ERRLakeFSNotSupported: [405, 'This operation is not supported in LakeFS'],
  ErrReadOnlyRepository: [403, 'Attempted to write to a read-only repository'],
  ExpiredToken: [403, 'Request has expired'],
  IncompleteBody: [
    400,
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  ],
  InternalError: [500, 'We encountered an internal error, please try again.'],
  InvalidAccessKeyId: [403, 'The access key ID you provided does not exist in our records.'],
  InvalidArgument: [400, 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.'],
  InvalidPart: [
    400,
    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  ],
  InvalidPartOrder: [
    400,
    'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
  ],
  InvalidRange: [416, 'The requested range is not satisfiable'],
  InvalidRequest: [400, 'Invalid request.'],
  MalformedXML: [
    400,
    'The XML you provided was not well-formed or did not validate against our published schema.',
  ],
  MethodNotAllowed: [405, 'The specified method is not allowed against this resource.'],
  MissingFields: [400, 'Missing fields in request.'],
  NoSuchBucket: [404, 'The specified bucket does not exist'],
  ErrNoSuchBucketPossibleAPIEndpoint: [
    404,
    'Repository "api" not found; this can happen if your endpoint URL mistakenly ends in "/api/v1".',
  ],
  NoSuchKey: [404, 'The specified key does not exist.'],
  NoSuchUpload: [
    404,
    'The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  ],
  NotImplemented: [501, 'A header you provided implies functionality that is not implemented'],
  PreconditionFailed: [412, 'At least one of the pre-conditions you specified did not hold'],
  RequestTimeTooSkewed: [403, "The difference between the request time and the server's time is too large."],
  SignatureDoesNotMatch: [
    403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  ],
  XAmzContentSHA256Mismatch: [
    400,
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ],
} as const satisfies Record<string, readonly [number, string]>;

/** An S3 error code the gateway uses. */
export type S3ErrorCode = keyof typeof CODES;

/**
 * The S3 error for `code`, with lakeFS's status and message unless `message` overrides it.
 * @param code - the S3 error code
 * @param message - a more specific message @default the code's standard message
 * @returns the error to throw
 */
export function s3Error(code: S3ErrorCode, message?: string): S3Error {
  const [status, standard] = CODES[code];
  return new S3Error(status, code, message ?? standard);
}
