import { ApiError } from '../../../../src/server/http/ApiError';
import { REQUEST_SCHEMAS } from '../../../../src/server/http/requestSchemas';
import { requestBody } from '../../../../src/server/http/validateBody';

const problem = (body: unknown, schema: string, required?: boolean): string => {
  try {
    requestBody(body, schema, required);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return `${error.status} ${error.message}`;
  }
};
const at = (schema: string, rest: string) =>
  `400 request body has an error: doesn't match schema #/components/schemas/${schema}: ${rest}`;

describe('requestBody', () => {
  it('returns a matching body as it is', () => {
    expect(requestBody({ name: 'b', source: 'main' }, 'BranchCreation')).toEqual({
      name: 'b',
      source: 'main',
    });
  });

  it('answers a missing required body, and treats a missing optional one as {}', () => {
    expect(problem(undefined, 'BranchCreation')).toBe(
      '400 request body has an error: value is required but missing',
    );
    expect(requestBody(undefined, 'Merge', false)).toEqual({});
  });

  it('checks present properties in sorted order before the required list', () => {
    // both wrong: "force" sorts before "name", and a wrong type wins over a missing property
    expect(problem({ name: 1, force: 'x' }, 'BranchCreation')).toBe(
      at('BranchCreation', 'Error at "/force": value must be a boolean'),
    );
    expect(problem({ force: true }, 'BranchCreation')).toBe(
      at('BranchCreation', 'Error at "/name": property "name" is missing'),
    );
  });

  it('points into arrays and referenced schemas', () => {
    expect(
      problem({ paths: [{ type: 'object', path: 'p' }], commit: { message: 'm' } }, 'ImportCreation'),
    ).toBe(at('ImportCreation', 'Error at "/paths/0/destination": property "destination" is missing'));
    expect(problem({ paths: ['a', 2] }, 'PathList')).toBe(
      at('PathList', 'Error at "/paths/1": value must be a string'),
    );
  });

  it('checks map values against additionalProperties', () => {
    expect(problem({ set: { a: 'x', b: 2 } }, 'UpdateObjectUserMetadata')).toBe(
      at('UpdateObjectUserMetadata', 'Error at "/set/b": value must be a string'),
    );
  });

  it('uses "an" before integer, object and array', () => {
    expect(problem({ ref: 'x', parent_number: 1.5 }, 'RevertCreation')).toBe(
      at('RevertCreation', 'Error at "/parent_number": value must be an integer'),
    );
    expect(problem('x', 'RevertCreation')).toBe(at('RevertCreation', 'value must be an object'));
  });

  it('can compile every pattern of the spec (as a JavaScript regular expression)', () => {
    const patterns = JSON.stringify(REQUEST_SCHEMAS).match(/"pattern":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns)
      expect(() => new RegExp(JSON.parse(p.slice('"pattern":'.length)) as string, 'u')).not.toThrow();
  });
});
