import fc from 'fast-check';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { ObjectStats, ObjectStatsList } from '../../../src/api/models/objects';
import { decodeOrThrow } from '../../../src/http/decode';
import { DecodeError } from '../../../src/errors/clientErrors';

const validRow = {
  path: 'a/b.csv',
  path_type: 'object',
  physical_address: 'local://x',
  checksum: 'abc',
  mtime: 1,
  size_bytes: 3,
  metadata: { k: 'v' },
};

/** The same codec as ObjectStats, without the `is`-first wrapper: the reference it must agree with. */
const plainObjectStats = t.intersection([
  t.type({
    path: t.string,
    path_type: t.keyof({ object: null, common_prefix: null }),
    physical_address: t.string,
    checksum: t.string,
    mtime: t.number,
  }),
  t.partial({
    physical_address_expiry: t.number,
    size_bytes: t.number,
    metadata: t.record(t.string, t.string),
    content_type: t.string,
  }),
]);

describe('checkedFirst codecs', () => {
  it('accept a valid listing and hand back the very objects that were parsed', () => {
    const page = {
      pagination: { has_more: false, next_offset: '', results: 1, max_per_page: 1000 },
      results: [validRow],
    };
    const decoded = decodeOrThrow(ObjectStatsList, page, 'GET list');
    expect(decoded).toBe(page);
    expect(decoded.results[0]).toBe(validRow);
  });

  it('name the failing field of a row as the plain io-ts codec would, without intersection indexes', () => {
    const page = {
      pagination: { has_more: false, next_offset: '', results: 2, max_per_page: 1000 },
      results: [validRow, { ...validRow, mtime: 'yesterday' }],
    };
    const error = (() => {
      try {
        decodeOrThrow(ObjectStatsList, page, 'GET list');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).fieldPath).toBe('results.1.mtime');
    expect((error as DecodeError).problems[0]).toContain('expected number, got "yesterday"');
  });

  it('agree with the plain io-ts codec on arbitrary values', () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
      fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
      fc.constantFrom('object', 'common_prefix'),
    );
    const row = fc.record(
      {
        path: field,
        path_type: field,
        physical_address: field,
        checksum: field,
        mtime: field,
        size_bytes: field,
        metadata: field,
        content_type: field,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(row, fc.anything()), (value) => {
        expect(isRight(ObjectStats.decode(value))).toBe(isRight(plainObjectStats.decode(value)));
      }),
      { numRuns: 2000 },
    );
  });
});
