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
    process.env.LAKEFS_ACCESS_KEY_ID = 'AKIAENV';
    process.env.LAKEFS_SECRET_ACCESS_KEY = 'env-secret';
    expect(new CoreLakeFS({ endpoint: 'http://explicit.example/' }).endpoint).toBe(
      'http://explicit.example/api/v1',
    );
  });

  it('accepts the LAKEFS_* spellings', () => {
    process.env.LAKEFS_ENDPOINT = 'http://alt.example:1234/api/v1/';
    process.env.LAKEFS_ACCESS_KEY_ID = 'AKIAENV';
    process.env.LAKEFS_SECRET_ACCESS_KEY = 'env-secret';
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

  it('fails at construction, naming every place looked in, when no credentials are found', () => {
    process.env.LAKECTL_CONFIG_FILE = join(dir, 'missing.yaml');
    const build = (): unknown => new LakeFS({ endpoint: 'http://127.0.0.1:9199' });
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(
      /no lakeFS credentials found for http:\/\/127\.0\.0\.1:9199\/api\/v1; looked in: .*LAKEFS_SECRET_ACCESS_KEY.*missing\.yaml/,
    );
    expect(() => new CoreLakeFS({ endpoint: 'http://127.0.0.1:9199', accessKeyId: 'AKIA' }, [], {})).toThrow(
      /no secret access key found/,
    );
    expect(new CoreLakeFS({ endpoint: 'http://127.0.0.1:9199', sessionToken: 't' }, [], {}).endpoint).toBe(
      'http://127.0.0.1:9199/api/v1',
    );
  });

  describe('the endpoint, parsed when the client is built', () => {
    const keys = { accessKeyId: 'AKIA', secretAccessKey: 'hunter2-secret' };
    const build = (endpoint: string) => (): unknown => new CoreLakeFS({ endpoint, ...keys }, [], {});
    it.each([
      ['not a url', /is not a URL/],
      ['ftp://127.0.0.1:8000', /must be an http:\/\/ or https:\/\/ URL/],
      ['http://127.0.0.1:8000/?x=1', /must not have a query string/],
      ['http://127.0.0.1:8000/#top', /must not have a fragment/],
      ['http://admin:hunter2-secret@127.0.0.1:8000', /carries user:password/],
    ])('refuses %s with ConfigurationError', (endpoint, message) => {
      expect(build(endpoint)).toThrow(ConfigurationError);
      expect(build(endpoint)).toThrow(message);
      try {
        build(endpoint)();
      } catch (e) {
        expect((e as Error).message).not.toContain('hunter2');
      }
    });
    it('accepts http(s) with or without /api/v1 and a trailing slash', () => {
      expect((build('https://lakefs.example/')() as CoreLakeFS).endpoint).toBe(
        'https://lakefs.example/api/v1',
      );
      expect((build(' http://127.0.0.1:8000/api/v1/ ')() as CoreLakeFS).endpoint).toBe(
        'http://127.0.0.1:8000/api/v1',
      );
    });
  });
});
