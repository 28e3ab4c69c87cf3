import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createMd5, md5Of } from '../../../src/io/createMd5';
import { Md5 } from '../../../src/io/md5';

describe('createMd5', () => {
  it('agrees with node:crypto and with the portable Md5 over any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), (chunks) => {
        const hasher = createMd5();
        const portable = new Md5();
        const reference = createHash('md5');
        for (const chunk of chunks) {
          hasher.update(chunk);
          portable.update(chunk);
          reference.update(chunk);
        }
        const expected = reference.digest('hex');
        expect(hasher.hex()).toBe(expected);
        expect(portable.hex()).toBe(expected);
      }),
    );
  });

  it('tells the same digest when asked twice', () => {
    const hasher = createMd5();
    hasher.update(new TextEncoder().encode('lakeFS'));
    expect(hasher.hex()).toBe(hasher.hex());
    expect(md5Of(new TextEncoder().encode('lakeFS'))).toBe(hasher.hex());
  });

  it('uses the native hash in Node, which is about twice as fast as the portable one', () => {
    expect(createMd5()).not.toBeInstanceOf(Md5);
  });
});
