import { ApiError } from '../../../../src/server/http/ApiError';
import { queryBool, queryDateTime } from '../../../../src/server/http/validate';

const q = (text: string) => new URLSearchParams(text);
const failure = (fn: () => unknown): { status: number; text: string } => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError)
      return { status: error.status, text: typeof error.body === 'string' ? error.body : error.message };
    throw error;
  }
  throw new Error('did not fail');
};

describe('queryBool (Go strconv.ParseBool, as lakeFS reads booleans)', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('reads %s as true', (v) =>
    expect(queryBool(q(`force=${v}`), 'force', false)).toBe(true),
  );
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('reads %s as false', (v) =>
    expect(queryBool(q(`force=${v}`), 'force', false)).toBe(false),
  );
  it('uses the spec default when absent', () => {
    expect(queryBool(q(''), 'user_metadata', true)).toBe(true);
    expect(queryBool(q(''), 'presign')).toBe(false);
  });
  it('refuses anything else, an empty value included, in lakeFS words', () => {
    expect(failure(() => queryBool(q('force=yes'), 'force', false))).toEqual({
      status: 400,
      text: 'parameter "force" in query has an error: value yes: an invalid boolean: invalid syntax',
    });
    expect(failure(() => queryBool(q('presign='), 'presign'))).toEqual({
      status: 400,
      text: 'parameter "presign" in query has an error: empty value is not allowed',
    });
    expect(failure(() => queryBool(q('show_hidden='), 'show_hidden', false))).toEqual({
      status: 400,
      text: "Invalid format for parameter show_hidden: multiple values for single value parameter 'show_hidden'\n",
    });
    expect(failure(() => queryBool(q('limit=1&limit=0'), 'limit')).status).toBe(400);
  });
});

describe('queryDateTime (RFC 3339 only)', () => {
  it('accepts Z and colon offsets, with fractions', () => {
    expect(queryDateTime(q('since=2024-01-01T00:00:00Z'), 'since')).toBe(Date.UTC(2024, 0, 1));
    expect(queryDateTime(q('since=2024-01-01T01:00:00.5%2B01:00'), 'since')).toBe(Date.UTC(2024, 0, 1) + 500);
    expect(queryDateTime(q('since='), 'since')).toBeUndefined();
  });
  it.each(['2024-01-01', '2024-01-01T00:00:00+0100', '2024-01-01t00:00:00z', '2024-01-01T00:00:00'])(
    'refuses %s',
    (v) => expect(failure(() => queryDateTime(new URLSearchParams({ since: v }), 'since')).status).toBe(400),
  );
});
