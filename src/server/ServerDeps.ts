import type { AuthConfig } from './auth/authenticate';
import type { ServerState } from './store/ServerState';

/** Settings of the running server that routes may need. */
export interface ServerSettings {
  /** Absolute directories `local://` imports may read from. */
  readonly importRoots: readonly string[];
  /** Whether the server advertises and serves presigned URLs. */
  readonly presign: boolean;
  /** Directory for object data, or undefined to keep data in memory. */
  readonly dataDir: string | undefined;
  /** The server's own base URL (set once listening), used to build presigned URLs. */
  baseUrl: string;
  /** Secret used to sign presigned URLs and staging addresses. */
  readonly signingSecret: string;
  /** How long a presigned URL stays valid, in seconds. @default 900 */
  readonly presignExpirySeconds?: number;
}

/** What every route module receives. */
export interface ServerDeps {
  readonly state: ServerState;
  readonly auth: AuthConfig;
  readonly settings: ServerSettings;
}
