import { parseRetryAfter, retryPolicyFrom, defaultRetryPolicy } from '../../../src/http/retryPolicy';

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Sun, 22 Nov 2026 10:00:00 GMT');
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('ignores missing or malformed values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('retryPolicyFrom', () => {
  it('accepts a number of retries, false, or an options object', () => {
    expect(retryPolicyFrom(2).maxAttempts).toBe(3);
    expect(retryPolicyFrom(false).maxAttempts).toBe(1);
    expect(retryPolicyFrom(undefined)).toBe(defaultRetryPolicy);
    expect(retryPolicyFrom({ baseDelayMs: 5 })).toMatchObject({ baseDelayMs: 5, maxAttempts: 4 });
    expect(retryPolicyFrom({}).statusCodes).toEqual([429, 502, 503, 504]);
  });
});
