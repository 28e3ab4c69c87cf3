import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigurationError } from '../../../src';
import { LakeFS, readLakectlConfig } from '../../../src/node';

const SECRET = 'S3CR3T-value-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'lakefs-rx-lakectl-'));
let counter = 0;
const file = (content: string | Buffer): string => {
  const path = join(dir, `lakectl-${++counter}.yaml`);
  writeFileSync(path, content);
  return path;
};

/** Bytes that are no text at all. */
const JUNK = Buffer.concat([
  Buffer.from([0, 159, 146, 150, 0xff, 0xfe, 7, 0]),
  Buffer.from(`: ${SECRET} [{`),
]);

/** Files that are not a usable lakectl.yaml; each names the secret so a leak would show. */
const MALFORMED: readonly [string, string | Buffer][] = [
  ['an unclosed flow sequence', `credentials: [\n  secret_access_key: ${SECRET}\n`],
  ['an unclosed flow mapping', `credentials: {secret_access_key: ${SECRET}\n`],
  ['an unterminated quote', `credentials:\n  secret_access_key: "${SECRET}\n`],
  ['tab indentation', `credentials:\n\tsecret_access_key: ${SECRET}\n`],
  ['a duplicate key', `credentials:\n  secret_access_key: ${SECRET}\n  secret_access_key: ${SECRET}2\n`],
  ['a nested mapping on one line', `credentials:\n  secret_access_key: ${SECRET}: x\n`],
  [
    'an alias bomb',
    [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      `credentials:\n  secret_access_key: ${SECRET}`,
    ].join('\n'),
  ],
  ['a list at the root', `- server\n- ${SECRET}\n`],
  ['a scalar at the root', `${SECRET}\n`],
  ['a number for server', `server: 5\ncredentials:\n  secret_access_key: ${SECRET}\n`],
  ['a string for credentials', `credentials: ${SECRET}\n`],
];

/**
 * Known bugs in src/node/lakectlConfig.ts (reported): the YAML parser's message, quoted in the error, can
 * hold the secret (an unresolved alias names it); lists where mappings belong are silently ignored.
 * Flip these to the list above once fixed.
 */
// Once leaked the secret (parser message) or were silently ignored (lists); now rejected cleanly.
const KNOWN_BUGS: readonly [string, string][] = [
  ['an unknown alias', `credentials:\n  secret_access_key: *${SECRET}\n`],
  ['a list for credentials', `credentials:\n  - ${SECRET}\n`],
  ['a list for server', `server:\n  - http://example\ncredentials:\n  secret_access_key: ${SECRET}\n`],
];

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

/** The error `fn` throws (the test fails when it throws nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('a malformed lakectl.yaml', () => {
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

  const expectConfigurationErrors = (content: string | Buffer): void => {
    const path = file(content);
    const started = performance.now();
    for (const error of [thrown(() => readLakectlConfig(path)), thrown(() => new LakeFS({}, path))]) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const text = `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error)}`;
      expect(text).toContain(path);
      expect(text).not.toContain(SECRET);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  };

  it.each(MALFORMED)('with %s is a ConfigurationError naming the file, never the secret', (_label, content) =>
    expectConfigurationErrors(content),
  );

  it.each(KNOWN_BUGS)(
    'with %s is a ConfigurationError naming the file, never the secret',
    (_label, content) => expectConfigurationErrors(content),
  );

  it('of binary junk gives no settings or a ConfigurationError, and the client a ConfigurationError', () => {
    const path = file(JUNK);
    let settings: unknown;
    try {
      settings = readLakectlConfig(path);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).not.toContain(SECRET);
    }
    if (settings !== undefined) expect(settings).toEqual({});
    const error = thrown(() => new LakeFS({}, path));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('that is a directory is a ConfigurationError', () => {
    const path = join(dir, 'a-directory.yaml');
    mkdirSync(path);
    expect(thrown(() => readLakectlConfig(path))).toBeInstanceOf(ConfigurationError);
  });

  (process.getuid?.() === 0 ? it.skip : it)('that cannot be read is a ConfigurationError', () => {
    const path = file(`credentials:\n  secret_access_key: ${SECRET}\n`);
    chmodSync(path, 0o000);
    const error = thrown(() => readLakectlConfig(path));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('that is empty yields nothing, and a client without an endpoint is a ConfigurationError', () => {
    const path = file('');
    expect(readLakectlConfig(path)).toEqual({});
    expect(thrown(() => new LakeFS({}, path))).toBeInstanceOf(ConfigurationError);
  });

  it('that is missing yields nothing', () => {
    expect(readLakectlConfig(join(dir, 'does-not-exist.yaml'))).toEqual({});
  });
});
