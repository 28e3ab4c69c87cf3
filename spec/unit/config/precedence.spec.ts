import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, LakeFS as CoreLakeFS } from '../../../src';
import { LakeFS, readLakectlConfig } from '../../../src/node';

const dir = mkdtempSync(join(tmpdir(), 'lakefs-rx-config-'));
const yamlFile = join(dir, 'lakectl.yaml');
writeFileSync(
  yamlFile,
  [
    'credentials:',
    '  access_key_id: AKIAFROMFILE',
    '  secret_access_key: file-secret',
    'server:',
    '  endpoint_url: http://file.example:8000/api/v1',
  ].join('\n'),
);

const ENV_KEYS = [
  'LAKECTL_SERVER_ENDPOINT_URL',
  'LAKECTL_CREDENTIALS_ACCESS_KEY_ID',
  'LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY',
  'LAKECTL_CREDENTIALS_SESSION_TOKEN',
  'LAKEFS_ENDPOINT',
  'LAKEFS_ACCESS_KEY_ID',
  'LAKEFS_SECRET_ACCESS_KEY',
  'LAKECTL_CONFIG_FILE',
];

describe('configuration precedence', () => {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const k of ENV_KEYS) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
  });
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('reads lakectl.yaml from LAKECTL_CONFIG_FILE', () => {
    process.env.LAKECTL_CONFIG_FILE = yamlFile;
    const client = LakeFS.fromEnv();
    expect(client.endpoint).toBe('http://file.example:8000/api/v1');
  });

  it('prefers the environment over the file, field by field', () => {
    process.env.LAKECTL_CONFIG_FILE = yamlFile;
    process.env.LAKECTL_SERVER_ENDPOINT_URL = 'http://env.example:9000';
    const client = LakeFS.fromEnv();
    expect(client.endpoint).toBe('http://env.example:9000/api/v1');
  });

  it('prefers explicit options over the environment', () => {
    process.env.LAKECTL_SERVER_ENDPOINT_URL = 'http://env.example:9000';
    expect(new CoreLakeFS({ endpoint: 'http://explicit.example/' }).endpoint).toBe(
      'http://explicit.example/api/v1',
    );
  });

  it('accepts the LAKEFS_* spellings', () => {
    process.env.LAKEFS_ENDPOINT = 'http://alt.example:1234/api/v1/';
    expect(CoreLakeFS.fromEnv().endpoint).toBe('http://alt.example:1234/api/v1');
  });

  it('fails with ConfigurationError saying where it looked', () => {
    process.env.LAKECTL_CONFIG_FILE = join(dir, 'missing.yaml');
    const error = (() => {
      try {
        LakeFS.fromEnv();
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('LAKECTL_SERVER_ENDPOINT_URL');
    expect((error as Error).message).toContain('missing.yaml');
  });

  it('reports a malformed lakectl.yaml as ConfigurationError without its secrets', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'credentials: [\n  secret_access_key: leaked-secret\n');
    expect(() => readLakectlConfig(bad)).toThrow(ConfigurationError);
    try {
      readLakectlConfig(bad);
    } catch (e) {
      expect((e as Error).message).not.toContain('leaked-secret');
    }
  });
});
