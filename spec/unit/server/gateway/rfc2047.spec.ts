import { decodeHeaderValue, encodeHeaderValue } from '../../../../src/server/gateway/rfc2047';

/** A header value as Node hands it over: each byte of its UTF-8 form as one Latin-1 character. */
const asNodeReadsIt = (text: string): string => Buffer.from(text).toString('latin1');

describe('RFC 2047 metadata values', () => {
  it('leaves printable ASCII as it is, both ways', () => {
    expect(encodeHeaderValue('plain value ~!')).toBe('plain value ~!');
    expect(decodeHeaderValue('plain value =? not a word')).toBe('plain value =? not a word');
  });

  it('decodes Q and B words, drops the blanks between adjacent words, keeps text around them', () => {
    expect(decodeHeaderValue('=?utf-8?q?Gr=C3=BC=C3=9Fe_x?= =?UTF-8?B?S8O2bG4=?=')).toBe('Grüße xKöln');
    expect(decodeHeaderValue('a =?iso-8859-1?q?=E9?= b')).toBe('a é b');
    // an unknown charset is left as it came
    expect(decodeHeaderValue('=?koi8-r?q?=C1?=')).toBe('=?koi8-r?q?=C1?=');
  });

  it('reads raw UTF-8 bytes (as Go clients send them) as text', () => {
    expect(decodeHeaderValue(asNodeReadsIt('שלום עולם'))).toBe('שלום עולם');
  });

  it('encodes non-ASCII as UTF-8 Q words of at most 75 characters, never splitting a character', () => {
    const text = 'Ω'.repeat(40) + ' = ? _';
    const encoded = encodeHeaderValue(text);
    const words = encoded.split(' ');
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      expect(word).toMatch(/^=\?utf-8\?q\?(=CE=A9|[^=?\s]|=[0-9A-F]{2})*\?=$/);
    }
    expect(encoded.endsWith('=3D_=3F_=5F?=')).toBe(true);
    expect(decodeHeaderValue(encoded)).toBe(text);
  });
});
