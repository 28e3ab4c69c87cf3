import type { ResolvedConnection } from './LakeFSOptions';

/** Environment variables, when the runtime has any (browsers have none). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** `process.env` in Node, `{}` elsewhere — without importing anything from Node. */
export function processEnv(): Environment {
  const proc = (globalThis as { process?: { env?: Environment } }).process;
  return proc?.env ?? {};
}

const first = (env: Environment, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
};

/** Connection settings found in environment variables (lakectl spellings first, then `LAKEFS_*`). */
export function connectionFromEnv(env: Environment): Partial<ResolvedConnection> {
  const found: { -readonly [K in keyof ResolvedConnection]?: string } = {};
  const endpoint = first(env, 'LAKECTL_SERVER_ENDPOINT_URL', 'LAKEFS_ENDPOINT');
  const accessKeyId = first(env, 'LAKECTL_CREDENTIALS_ACCESS_KEY_ID', 'LAKEFS_ACCESS_KEY_ID');
  const secretAccessKey = first(env, 'LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY', 'LAKEFS_SECRET_ACCESS_KEY');
  const sessionToken = first(env, 'LAKECTL_CREDENTIALS_SESSION_TOKEN', 'LAKEFS_SESSION_TOKEN');
  if (endpoint) found.endpoint = endpoint;
  if (accessKeyId) found.accessKeyId = accessKeyId;
  if (secretAccessKey) found.secretAccessKey = secretAccessKey;
  if (sessionToken) found.sessionToken = sessionToken;
  return found;
}
