import {
  type Observable,
  type SchedulerLike,
  asyncScheduler,
  defer,
  map,
  of,
  shareReplay,
  tap,
  throwError,
} from 'rxjs';
import { type LakeFSApi, createApi } from './api/createApi';
import {
  ENVIRONMENT,
  EXPLICIT,
  type ConnectionSource,
  requireCredentials,
  resolveConnection,
  sourceOf,
} from './config/resolveConnection';
import { parseEndpoint } from './config/parseEndpoint';
import type { Config as ApiConfig } from './api/generated/models';
import { AuthAdmin } from './resources/admin/AuthAdmin';
import { connectionFromEnv, processEnv, type Environment } from './config/environment';
import type { LakeFSOptions, ResolvedConnection } from './config/LakeFSOptions';
import { ConfigurationError } from './errors/clientErrors';
import { Credentials } from './http/Credentials';
import { HttpClient } from './http/HttpClient';
import { resolveFetch } from './http/resolveFetch';
import { retryPolicyFrom } from './http/retryPolicy';
import { toRepositoryInfo, toServerVersion, toStorageInfo, toUserInfo } from './models/fromWire';
import type { RepositoryInfo, ServerVersion, StorageInfo, UserInfo } from './models/models';
import { paginate, type PaginateOptions } from './operators/paginate';
import type { ClientContext } from './resources/ClientContext';
import { Repository } from './resources/Repository';
import { VERSION } from './version';
import { type S3ClientConfig, type S3ClientConfigOptions, s3ClientConfig } from './config/s3ClientConfig';

/**
 * Options of {@link LakeFS.repositories}.
 * @group Client
 */
export interface ListRepositoriesOptions extends PaginateOptions {
  /** Only ids starting with this prefix. */
  readonly prefix?: string;
}

function explicitConnection(options: LakeFSOptions): Partial<ResolvedConnection> {
  const { endpoint, accessKeyId, secretAccessKey, sessionToken } = options;
  return Object.fromEntries(
    Object.entries({ endpoint, accessKeyId, secretAccessKey, sessionToken }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}

/**
 * The lakeFS client. Every operation returns a cold Observable; handles (`repository(id)`, `branch(id)`…)
 * do no I/O until something subscribes. Errors arrive through the Observable (its `error` callback), never
 * as exceptions from the call; besides those each method names, any request can fail with `NetworkError`,
 * `TimeoutError`, `NotAuthorizedError` (bad or expired credentials) or `InternalServerError`.
 * @group Client
 * @example
 * const lakefs = new LakeFS({ endpoint: 'http://127.0.0.1:8000', accessKeyId, secretAccessKey });
 * lakefs.repositories().subscribe(repo => console.log(repo.id));
 */
export class LakeFS {
  /** The low-level typed endpoint functions (wire shapes, snake_case). */
  readonly api: LakeFSApi;
  /** The API root in use, e.g. `http://127.0.0.1:8000/api/v1`. */
  readonly endpoint: string;
  readonly #credentials: Credentials;
  readonly #ctx: ClientContext;

  /**
   * @param options - explicit settings; missing endpoint or credentials are read from the environment
   *   (`LAKECTL_*` / `LAKEFS_*` variables). Use `lakefs-rx/node` to also read `~/.lakectl.yaml`.
   * @throws ConfigurationError when no endpoint or no credentials are found anywhere (the message lists
   *   where the client looked), or the endpoint is not a plain http(s) URL
   */
  constructor(
    options: LakeFSOptions = {},
    extraSources: readonly ConnectionSource[] = [],
    env?: Environment,
  ) {
    const sources: ConnectionSource[] = [
      { description: EXPLICIT, values: explicitConnection(options) },
      { description: ENVIRONMENT, values: connectionFromEnv(env ?? processEnv()) },
      ...extraSources,
    ];
    const connection = resolveConnection(sources);
    this.endpoint = parseEndpoint(connection.endpoint, sourceOf(sources, 'endpoint'));
    requireCredentials({ ...connection, endpoint: this.endpoint }, sources);
    this.#credentials = new Credentials(
      connection.accessKeyId,
      connection.secretAccessKey,
      connection.sessionToken,
    );
    const scheduler: SchedulerLike = options.scheduler ?? asyncScheduler;
    const http = new HttpClient({
      apiRoot: this.endpoint,
      fetch: resolveFetch(options.fetch),
      credentials: this.#credentials,
      retry: retryPolicyFrom(options.retry),
      timeoutMs: options.timeoutMs ?? 60_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
      userAgent: options.userAgent ?? `lakefs-rx/${VERSION}`,
      ...(options.maxJsonBytes !== undefined ? { maxJsonBytes: options.maxJsonBytes } : {}),
      scheduler,
    });
    this.api = createApi(http);
    const api = this.api;
    let cached: Observable<StorageInfo> | undefined;
    const storageConfig$ = defer(() => {
      cached ??= api
        .getStorageConfig()
        .pipe(
          map(toStorageInfo),
          tap({ error: () => (cached = undefined) }),
          shareReplay({ bufferSize: 1, refCount: false }),
        );
      return cached;
    });
    this.#ctx = { api, http, scheduler, presign: options.presign ?? 'auto', storageConfig$ };
  }

  /**
   * A client configured from the environment only (the core never reads files; `lakefs-rx/node` adds
   * `~/.lakectl.yaml`). Explicit `overrides` win over the environment.
   * @throws {ConfigurationError} (synchronously, from the constructor) when the environment names no
   *   endpoint or no credentials
   * @example
   * // LAKECTL_SERVER_ENDPOINT_URL, LAKECTL_CREDENTIALS_ACCESS_KEY_ID, …_SECRET_ACCESS_KEY are set
   * const lakefs = LakeFS.fromEnv({ timeoutMs: 10_000 });
   */
  static fromEnv(overrides: LakeFSOptions = {}): LakeFS {
    return new LakeFS(overrides);
  }

  /**
   * Shared context for resource handles; for extensions that build their own handles.
   * @example
   * const { api, scheduler } = lakefs.context;
   */
  get context(): ClientContext {
    return this.#ctx;
  }

  /**
   * A lazy stream of repositories, one page at a time (the next page is asked for only when needed).
   * @throws {NotAuthorizedError} through the Observable, when the credentials are refused
   * @throws {ValidationError} through the Observable, for a bad paging option (nothing sent)
   * @example
   * lakefs.repositories({ prefix: 'team-' }).subscribe((repo) => console.log(repo.id, repo.defaultBranch));
   */
  repositories(options: ListRepositoriesOptions = {}): Observable<RepositoryInfo> {
    return paginate(
      (after, amount) => this.api.listRepositories({ prefix: options.prefix, after, amount }),
      options,
      toRepositoryInfo,
    );
  }

  /**
   * A repository handle (no I/O; a bad id fails when one of its methods is subscribed).
   * @example
   * const repo = lakefs.repository('my-repo');
   * repo.properties().subscribe((info) => console.log(info.storageNamespace));
   */
  repository(id: string): Repository {
    return new Repository(this.#ctx, id);
  }

  /**
   * Exchanges the key pair for a token (`POST /auth/login`); later requests use `Authorization: Bearer`.
   * Emits the token's expiry.
   * @throws {ConfigurationError} through the Observable, when the client has no key pair (only a token)
   * @throws {NotAuthorizedError} through the Observable, when lakeFS refuses the key pair
   * @example
   * lakefs.login().subscribe(({ expiresAt }) => console.log('token valid until', expiresAt));
   */
  login(): Observable<{ expiresAt?: Date }> {
    return defer(() => {
      const pair = this.#credentials.keyPair();
      if (!pair)
        return throwError(() => new ConfigurationError('login() needs accessKeyId and secretAccessKey'));
      return this.api.login(pair).pipe(
        tap((token) => this.#credentials.setToken(token.token)),
        map((token) =>
          token.token_expiration !== undefined ? { expiresAt: new Date(token.token_expiration * 1000) } : {},
        ),
      );
    });
  }

  /**
   * Ends the token session on the client side: forgets the token and falls back to the key pair. lakeFS has
   * no logout API operation (a token simply expires); a browser's cookie session ends at lakeFS's
   * `/logout` page, outside the API. Sends nothing; emits once.
   * @throws never: it sends no request and always completes
   * @example
   * lakefs.logout().subscribe(() => console.log('back to the key pair'));
   */
  logout(): Observable<void> {
    return defer(() => {
      this.#credentials.setToken(undefined);
      return of(undefined);
    });
  }

  /**
   * The authenticated user.
   * @throws {NotAuthorizedError} through the Observable, when the credentials are refused
   * @example
   * lakefs.currentUser().subscribe((user) => console.log(user.id));
   */
  currentUser(): Observable<UserInfo> {
    return this.api.getCurrentUser().pipe(map((u) => toUserInfo(u.user)));
  }

  /**
   * The server's version.
   * @throws {NotAuthorizedError} through the Observable, when the credentials are refused
   * @example
   * lakefs.version().subscribe(({ version }) => console.log(`lakeFS ${version}`));
   */
  version(): Observable<ServerVersion> {
    return this.api.getLakeFSVersion().pipe(map(toServerVersion));
  }

  /**
   * The server's storage capabilities (fresh on every subscription).
   * @throws {NotAuthorizedError} through the Observable, when the credentials are refused
   * @example
   * lakefs.storageConfig().subscribe((storage) => console.log(storage.blockstoreType, storage.preSignSupport));
   */
  storageConfig(): Observable<StorageInfo> {
    return this.api.getStorageConfig().pipe(map(toStorageInfo));
  }

  /**
   * Users, groups, policies and access keys, for admin tools (a handle: no I/O).
   * @example
   * lakefs.admin().users().subscribe((user) => console.log(user.id));
   */
  admin(): AuthAdmin {
    return new AuthAdmin(this.#ctx);
  }

  /**
   * The server's whole configuration (`GET /config`) in its wire shape: version, storage, UI, capabilities.
   * @example
   * lakefs.getConfig().subscribe((config) => console.log(config.version_config?.version));
   * @throws {NotAuthorizedError} when the credentials are refused
   */
  getConfig(): Observable<ApiConfig> {
    return this.api.getConfig();
  }

  /**
   * The configuration for `new S3Client(…)` (`@aws-sdk/client-s3`) against this server's S3 gateway: its
   * root URL, path-style addressing and this client's key pair. Buckets are repositories, keys `<ref>/<path>`.
   * @throws ConfigurationError when the client has no key pair
   * @example
   * ```ts
   * const s3 = new S3Client(lakefs.s3ClientConfig());
   * ```
   */
  s3ClientConfig(options: S3ClientConfigOptions = {}): S3ClientConfig {
    return s3ClientConfig(this.endpoint, this.#credentials.keyPair(), options);
  }

  /**
   * Serializes only the endpoint: credentials never leave the client.
   * @example
   * JSON.stringify(lakefs); // '{"endpoint":"http://127.0.0.1:8000/api/v1"}'
   */
  toJSON(): Record<string, string> {
    return { endpoint: this.endpoint };
  }

  /**
   * `LakeFS(<endpoint>)`, without credentials.
   * @example
   * console.log(`${lakefs}`); // LakeFS(http://127.0.0.1:8000/api/v1)
   */
  toString(): string {
    return `LakeFS(${this.endpoint})`;
  }
}
