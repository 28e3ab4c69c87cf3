import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const machine = randomBytes(5);
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * A 20-character, time-ordered id in the shape of the xids lakeFS gives imports: 12 bytes (4 of Unix
 * seconds, 5 of per-process randomness, 3 of a counter) in lowercase base32hex.
 * @returns e.g. `cq3k1v0m2f4n8a9s0b1c`
 */
export function importId(): string {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(Date.now() / 1000) >>> 0, 0);
  machine.copy(bytes, 4);
  counter = (counter + 1) & 0xffffff;
  bytes.writeUIntBE(counter, 9, 3);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  // 96 bits leave 1 bit over; xid pads it into a 20th character.
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
