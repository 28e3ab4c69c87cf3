export {
  DEFAULT_MAX_JSON_BYTES,
  HttpClient,
  type DownloadPart,
  type HttpClientConfig,
  type OpenedResponse,
} from './HttpClient';
export { Credentials } from './Credentials';
export { buildUrl, normalizeEndpoint, segment } from './buildUrl';
export { decodeOrThrow } from './decode';
export { resolveFetch } from './resolveFetch';
export {
  defaultRetryPolicy,
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
  retryPolicyFrom,
  type RetryPolicy,
} from './retryPolicy';
export type {
  FetchLike,
  HttpMethod,
  HttpRequest,
  QueryValue,
  RequestBody,
  RequestBodySource,
  RetryOptions,
} from './types';
