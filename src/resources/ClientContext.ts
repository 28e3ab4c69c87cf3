import type { Observable, SchedulerLike } from 'rxjs';
import type { LakeFSApi } from '../api/createApi';
import type { HttpClient } from '../http/HttpClient';
import type { StorageInfo } from '../models/models';

/**
 * What every resource handle shares with the client that made it.
 * @group Client
 */
export interface ClientContext {
  readonly api: LakeFSApi;
  readonly http: HttpClient;
  readonly scheduler: SchedulerLike;
  /** Client-wide presign preference. */
  readonly presign: boolean | 'auto';
  /** The server's storage config, fetched once on first use and cached after it succeeds. */
  readonly storageConfig$: Observable<StorageInfo>;
}
