import { ConfigurationError } from '../errors/clientErrors';
import type { ResolvedConnection } from './LakeFSOptions';

/**
 * One source of settings and a human description of where it came from.
 * @group Client
 */
export interface ConnectionSource {
  readonly description: string;
  readonly values: Partial<ResolvedConnection>;
}

/**
 * Applies precedence field by field: the first source that sets a field wins (explicit options, then
 * environment, then lakectl.yaml). Throws `ConfigurationError` naming every place looked at when no
 * endpoint was found.
 */
export function resolveConnection(sources: readonly ConnectionSource[]): ResolvedConnection {
  const pick = <K extends keyof ResolvedConnection>(key: K): ResolvedConnection[K] | undefined => {
    for (const source of sources) {
      const value = source.values[key];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const endpoint = pick('endpoint');
  if (!endpoint) {
    throw new ConfigurationError(
      `no lakeFS endpoint configured; looked in: ${sources.map((s) => s.description).join('; ')}`,
    );
  }
  const accessKeyId = pick('accessKeyId');
  const secretAccessKey = pick('secretAccessKey');
  const sessionToken = pick('sessionToken');
  return {
    endpoint,
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(secretAccessKey ? { secretAccessKey } : {}),
    ...(sessionToken ? { sessionToken } : {}),
  };
}

/** Where `key` was found first: the description of the source that supplied it. */
export function sourceOf(sources: readonly ConnectionSource[], key: keyof ResolvedConnection): string {
  return sources.find((s) => s.values[key] !== undefined && s.values[key] !== '')?.description ?? 'options';
}

/**
 * Throws `ConfigurationError` naming every place looked in unless `connection` has a key pair or a
 * session token: an anonymous request would only come back as a 401.
 */
export function requireCredentials(
  connection: ResolvedConnection,
  sources: readonly ConnectionSource[],
): void {
  if (connection.sessionToken) return;
  if (connection.accessKeyId && connection.secretAccessKey) return;
  const missing = connection.accessKeyId ? 'no secret access key' : 'no lakeFS credentials';
  throw new ConfigurationError(
    `${missing} found for ${connection.endpoint}; looked in: ${sources.map((s) => s.description).join('; ')}`,
  );
}

/** Describes the explicit options source. */
export const EXPLICIT = 'explicit options (endpoint, accessKeyId, secretAccessKey, sessionToken)';
/** Describes the environment source. */
export const ENVIRONMENT =
  'environment (LAKECTL_SERVER_ENDPOINT_URL / LAKEFS_ENDPOINT, LAKECTL_CREDENTIALS_ACCESS_KEY_ID / LAKEFS_ACCESS_KEY_ID, LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY / LAKEFS_SECRET_ACCESS_KEY, LAKECTL_CREDENTIALS_SESSION_TOKEN)';
