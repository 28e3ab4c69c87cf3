/**
 * The `lakefs-rx/angular` entry: {@link provideLakeFS}, the injectable {@link LakeFSService}, and
 * {@link angularFetch}, which routes the client's requests through Angular's `HttpClient` machinery.
 * @module lakefs-rx/angular
 */
export { angularFetch, type AngularHttpHandler } from './angularFetch';
export { LakeFSService } from './LakeFSService';
export {
  LAKEFS_OPTIONS,
  provideLakeFS,
  type LakeFSTransport,
  type ProvideLakeFSOptions,
} from './provideLakeFS';
