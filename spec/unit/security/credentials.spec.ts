import { inspect } from 'node:util';
import { Credentials } from '../../../src/http/Credentials';

const KEY = 'AKIAUNITTEST';
const SECRET = 'unit-secret-0123456789';
const TOKEN = 'unit-token-abcdefghij';

describe('Credentials', () => {
  it('never shows its secrets when printed, serialised or inspected', () => {
    const credentials = new Credentials(KEY, SECRET, TOKEN);
    const texts = [
      String(credentials),
      credentials.toString(),
      JSON.stringify(credentials),
      JSON.stringify({ nested: credentials }),
      inspect(credentials, { depth: Infinity, showHidden: true }),
    ];
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(KEY);
    }
  });

  it('lists every form a secret travels in, so that messages can be scrubbed of it', () => {
    const basic = Buffer.from(`${KEY}:${SECRET}`).toString('base64');
    expect(new Credentials(KEY, SECRET).secrets()).toEqual(expect.arrayContaining([SECRET, basic]));
    expect(new Credentials(KEY, SECRET, TOKEN).secrets()).toEqual(
      expect.arrayContaining([SECRET, basic, TOKEN]),
    );
    expect(new Credentials(KEY, SECRET).authorization()).toBe(`Basic ${basic}`);
    expect(new Credentials().secrets()).toEqual([]);
  });

  it('forgets the token on logout and falls back to the key pair', () => {
    const credentials = new Credentials(KEY, SECRET, TOKEN);
    expect(credentials.authorization()).toBe(`Bearer ${TOKEN}`);
    credentials.setToken(undefined);
    expect(credentials.secrets()).not.toContain(TOKEN);
    expect(credentials.authorization()).toMatch(/^Basic /);
  });
});
