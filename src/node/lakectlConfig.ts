import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ConnectionSource } from '../config/resolveConnection';
import type { ResolvedConnection } from '../config/LakeFSOptions';
import { ConfigurationError } from '../errors/clientErrors';

/**
 * Where lakectl keeps its configuration: `$LAKECTL_CONFIG_FILE`, else `~/.lakectl.yaml`.
 * @group Client
 */
export function lakectlConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAKECTL_CONFIG_FILE || join(homedir(), '.lakectl.yaml');
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads connection settings from a lakectl.yaml (`server.endpoint_url`, `credentials.access_key_id`,
 * `credentials.secret_access_key`). A missing file yields no settings; a malformed one is a
 * `ConfigurationError` naming the file (never its secrets).
 * @group Client
 */
export function readLakectlConfig(path: string = lakectlConfigPath()): Partial<ResolvedConnection> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigurationError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    // The parser's message quotes the offending text, which may be a secret: keep only code and position.
    const { code, linePos } = error as { code?: string; linePos?: { line: number; col: number }[] };
    const where = linePos?.[0] ? ` at line ${linePos[0].line}, column ${linePos[0].col}` : '';
    throw new ConfigurationError(`${path} is not valid YAML${where}${code ? ` (${code})` : ''}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigurationError(`${path} is not a YAML mapping`);
  const root = doc as Record<string, unknown>;
  const server = (root.server ?? {}) as Record<string, unknown>;
  const credentials = (root.credentials ?? {}) as Record<string, unknown>;
  if (
    typeof server !== 'object' ||
    typeof credentials !== 'object' ||
    Array.isArray(server) ||
    Array.isArray(credentials)
  )
    throw new ConfigurationError(`${path}: "server" and "credentials" must be mappings`);
  const endpoint = str(server.endpoint_url);
  const accessKeyId = str(credentials.access_key_id);
  const secretAccessKey = str(credentials.secret_access_key);
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(secretAccessKey ? { secretAccessKey } : {}),
  };
}

/**
 * The lakectl.yaml as a source for the client's precedence chain.
 * @group Client
 */
export function lakectlSource(path: string = lakectlConfigPath()): ConnectionSource {
  return { description: `lakectl config file ${path}`, values: readLakectlConfig(path) };
}
