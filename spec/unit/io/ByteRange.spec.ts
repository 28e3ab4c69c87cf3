import { ValidationError } from '../../../src/errors';
import { rangeHeader } from '../../../src/io/ByteRange';

describe('rangeHeader', () => {
  it('writes from-to, open-ended and suffix forms', () => {
    expect(rangeHeader({ start: 0, end: 99 })).toBe('bytes=0-99');
    expect(rangeHeader({ start: 100 })).toBe('bytes=100-');
    expect(rangeHeader({ last: 10 })).toBe('bytes=-10');
  });

  it('passes a bytes= string through', () => {
    expect(rangeHeader('bytes=5-9')).toBe('bytes=5-9');
  });

  it('rejects negative or fractional offsets and other units', () => {
    expect(() => rangeHeader({ start: -1 })).toThrow(ValidationError);
    expect(() => rangeHeader({ start: 0, end: 1.5 })).toThrow(ValidationError);
    expect(() => rangeHeader({ last: -3 })).toThrow(ValidationError);
    expect(() => rangeHeader('items=0-1' as `bytes=${string}`)).toThrow(ValidationError);
  });
});
