/**
 * RFC 2047 "encoded words" for S3 user metadata: HTTP header values are bytes, so S3 clients send and
 * expect non-ASCII metadata encoded as `=?utf-8?q?...?=` words. lakeFS stores the decoded text and answers
 * with Q-encoded words, split as Go's `mime` package splits them (at most 75 characters a word, never
 * inside a character), which is what clients compare against.
 */

const WORD = /=\?([^?\s]+)\?([qQbB])\?([^?\s]*)\?=/g;
/** A word is at most 75 characters, `=?utf-8?q?` and `?=` included. */
const MAX_WORD_CONTENT = 75 - '=?utf-8?q?'.length - '?='.length;

const CHARSETS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  'us-ascii': 'ascii',
  'iso-8859-1': 'latin1',
};

function decodeWord(charset: string, encoding: string, text: string): string | undefined {
  const decoder = CHARSETS[charset.toLowerCase()];
  if (!decoder) return undefined;
  if (encoding.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString(decoder);
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString(decoder);
}

/**
 * A header value as text: its raw bytes read as UTF-8 (Node hands them over as Latin-1), then any encoded
 * words decoded (the blanks between two adjacent words vanish, as RFC 2047 says).
 * @param raw - the header value as Node parsed it
 * @returns the decoded text
 */
export function decodeHeaderValue(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const text = /[^\x00-\x7f]/.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  if (!text.includes('=?')) return text;
  let out = '';
  let last = 0;
  let previousWordEnd = -1;
  for (const match of text.matchAll(WORD)) {
    const decoded = decodeWord(match[1] as string, match[2] as string, match[3] as string);
    if (decoded === undefined) continue;
    const between = text.slice(last, match.index);
    out += previousWordEnd === last && /^[ \t\r\n]*$/.test(between) ? '' : between;
    out += decoded;
    last = match.index + match[0].length;
    previousWordEnd = last;
  }
  return out + text.slice(last);
}

/** The bytes Q encoding leaves as they are: printable ASCII but `=`, `?`, `_` (a blank becomes `_`). */
const plainInQ = (byte: number): boolean =>
  byte > 0x20 && byte <= 0x7e && byte !== 0x3d && byte !== 0x3f && byte !== 0x5f;

/**
 * A metadata value ready for a response header: as it is when it is printable ASCII, otherwise as UTF-8
 * Q-encoded words separated by blanks.
 * @param value - the stored text
 * @returns the header value
 */
export function encodeHeaderValue(value: string): string {
  if (/^[\x20-\x7e\t]*$/.test(value)) return value;
  const words: string[] = [];
  let current = '';
  for (const char of value) {
    let encoded = '';
    for (const byte of Buffer.from(char)) {
      if (byte === 0x20) encoded += '_';
      else if (plainInQ(byte)) encoded += String.fromCharCode(byte);
      else encoded += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    if (current && current.length + encoded.length > MAX_WORD_CONTENT) {
      words.push(current);
      current = '';
    }
    current += encoded;
  }
  words.push(current);
  return words.map((word) => `=?utf-8?q?${word}?=`).join(' ');
}
