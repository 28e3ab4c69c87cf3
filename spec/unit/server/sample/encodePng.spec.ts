import { crc32, inflateSync } from 'node:zlib';
import { encodePng } from '../../../../src/server/sample/encodePng';

/** Splits a PNG into its chunks, checking each CRC with zlib's own. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

describe('encodePng', () => {
  const rgb = Uint8Array.from({ length: 3 * 2 * 3 }, (_, i) => i * 10);
  const png = encodePng(3, 2, rgb);

  it('writes the signature, then IHDR, IDAT and IEND with valid CRCs', () => {
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(chunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('describes an 8-bit RGB image of the given size', () => {
    const ihdr = chunks(png)[0]?.data ?? Buffer.alloc(0);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([3, 2, 8, 2, 0, 0, 0]);
  });

  it('stores each row after a filter byte of 0, deflated', () => {
    const rows = inflateSync(chunks(png)[1]?.data ?? Buffer.alloc(0));
    expect([...rows]).toEqual([0, ...rgb.subarray(0, 9), 0, ...rgb.subarray(9)]);
  });

  it('refuses pixel data of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('does not match');
  });
});
