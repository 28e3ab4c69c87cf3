import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Md5 } from '../../../src/io/md5';

const md5Hex = (data: Uint8Array): string => new Md5().update(data).hex();

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const nodeMd5 = (data: Uint8Array): string => createHash('md5').update(data).digest('hex');

describe('Md5', () => {
  // RFC 1321, appendix A.5
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
  ])('hashes the RFC 1321 vector %j', (input, expected) => {
    expect(md5Hex(text(input))).toBe(expected);
  });

  it('handles every length around the padding boundaries', () => {
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 31 + 7) % 256);
    for (let n = 0; n <= 200; n++) expect(md5Hex(data.subarray(0, n))).toBe(nodeMd5(data.subarray(0, n)));
  });

  it('gives the same digest however the content is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 8 }),
        (data, cuts) => {
          const md5 = new Md5();
          let offset = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            const end = Math.min(cut, data.length);
            if (end < offset) continue;
            md5.update(data.subarray(offset, end));
            offset = end;
          }
          md5.update(data.subarray(offset));
          return md5.hex() === nodeMd5(data);
        },
      ),
    );
  });

  it('reads views at any offset of a shared buffer', () => {
    const shared = Buffer.alloc(4096, 0x5a);
    shared.write('lakeFS', 1001);
    const view = shared.subarray(1001, 1001 + 2000);
    expect(md5Hex(view)).toBe(nodeMd5(view));
  });

  it('hashes a megabyte in uneven chunks like node:crypto', () => {
    const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    const md5 = new Md5();
    for (let offset = 0; offset < data.length; offset += 65_537)
      md5.update(data.subarray(offset, offset + 65_537));
    expect(md5.hex()).toBe(nodeMd5(data));
  });

  it('returns the same digest when asked twice and refuses updates after it', () => {
    const md5 = new Md5().update(text('abc'));
    expect(md5.hex()).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5.hex()).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5.digest()).toHaveLength(16);
    expect(() => md5.update(text('d'))).toThrow(/after digest/);
  });
});
