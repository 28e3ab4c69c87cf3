export type { LakeFSOptions, ResolvedConnection } from './LakeFSOptions';
export { connectionFromEnv, processEnv, type Environment } from './environment';
export { resolveConnection, type ConnectionSource, EXPLICIT, ENVIRONMENT } from './resolveConnection';
