import type { Observable } from 'rxjs';
import type { HttpClient } from '../http/HttpClient';
import { StorageConfig, VersionConfig } from './models/config';

/** Server configuration endpoints. */
export function configApi(http: HttpClient) {
  return {
    /** `GET /healthcheck` (204). */
    healthCheck(): Observable<void> {
      return http.void({ method: 'GET', path: '/healthcheck' });
    },
    /** `GET /config/version`. */
    getLakeFSVersion(): Observable<VersionConfig> {
      return http.json({ method: 'GET', path: '/config/version' }, VersionConfig);
    },
    /** `GET /config/storage`. */
    getStorageConfig(): Observable<StorageConfig> {
      return http.json({ method: 'GET', path: '/config/storage' }, StorageConfig);
    },
  };
}
