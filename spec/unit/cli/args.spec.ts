import { InvalidArgumentError } from 'commander';
import { parseCount } from '../../../src/cli/args/parseCount';
import { parseMetadata } from '../../../src/cli/args/parseMetadata';

describe('parseCount', () => {
  it('accepts positive whole numbers', () => {
    expect(parseCount('1')).toBe(1);
    expect(parseCount('250')).toBe(250);
  });

  it.each(['0', '-1', '1.5', 'ten', '', '1e3', '99999999999999999999'])('rejects %j', (value) => {
    expect(() => parseCount(value)).toThrow(InvalidArgumentError);
  });
});

describe('parseMetadata', () => {
  it('collects repeated key=value pairs, keeping = inside values', () => {
    const first = parseMetadata('owner=data-team');
    expect(parseMetadata('query=a=b', first)).toEqual({ owner: 'data-team', query: 'a=b' });
  });

  it('allows an empty value but not an empty key or a missing =', () => {
    expect(parseMetadata('flag=')).toEqual({ flag: '' });
    expect(() => parseMetadata('=x')).toThrow(InvalidArgumentError);
    expect(() => parseMetadata('novalue')).toThrow(InvalidArgumentError);
  });
});
