import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { ValidationError } from '../../../src/errors';
import { concatBytes } from '../../../src/io/bytes';
import { rechunk } from '../../../src/io/rechunk';

const sizes = (chunks: Uint8Array[]): number[] => chunks.map((c) => c.byteLength);

describe('rechunk', () => {
  it('cuts large chunks and gathers small ones into exact sizes', async () => {
    const out = await lastValueFrom(
      from([new Uint8Array(10), new Uint8Array(1), new Uint8Array(2), new Uint8Array(7)]).pipe(
        rechunk(4),
        toArray(),
      ),
    );
    expect(sizes(out)).toEqual([4, 4, 4, 4, 4]);
  });

  it('emits a short last chunk and nothing for an empty stream', async () => {
    expect(sizes(await lastValueFrom(from([new Uint8Array(5)]).pipe(rechunk(4), toArray())))).toEqual([4, 1]);
    expect(await lastValueFrom(from([] as Uint8Array[]).pipe(rechunk(4), toArray()))).toEqual([]);
  });

  it('keeps the bytes and their order for any input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 50 })),
        fc.integer({ min: 1, max: 20 }),
        async (chunks, size) => {
          const out = await lastValueFrom(from(chunks).pipe(rechunk(size), toArray()));
          expect(concatBytes(out)).toEqual(concatBytes(chunks));
          expect(out.slice(0, -1).every((c) => c.byteLength === size)).toBe(true);
          expect(out.every((c) => c.byteLength > 0 && c.byteLength <= size)).toBe(true);
        },
      ),
    );
  });

  it('rejects a non-positive size through the Observable', async () => {
    await expect(lastValueFrom(from([new Uint8Array(1)]).pipe(rechunk(0)))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
