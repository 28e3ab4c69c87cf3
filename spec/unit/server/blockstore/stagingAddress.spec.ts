import { signStagingAddress, verifyStagingAddress } from '../../../../src/server/blockstore/stagingAddress';
import { ApiError } from '../../../../src/server/http/ApiError';

describe('signStagingAddress', () => {
  const binding = { repository: 'r', branch: 'main', path: 'a/b' };
  const message = (fn: () => unknown): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (e) {
      return e instanceof ApiError ? e.message : 'other';
    }
  };

  it('round-trips and binds repository, branch and path', () => {
    const signed = signStagingAddress('s', 'local://ns/data/x', binding, 1000);
    expect(verifyStagingAddress('s', signed, binding, 2000)).toBe('local://ns/data/x');
    expect(message(() => verifyStagingAddress('s', signed, { ...binding, path: 'other' }, 2000))).toBe(
      'link address invalid',
    );
    expect(message(() => verifyStagingAddress('t', signed, binding, 2000))).toBe('link address invalid');
    expect(message(() => verifyStagingAddress('s', 'local://ns/data/x', binding, 2000))).toBe(
      'link address invalid',
    );
  });

  it('expires after 24 hours', () => {
    const signed = signStagingAddress('s', 'local://ns/data/x', binding, 0);
    expect(message(() => verifyStagingAddress('s', signed, binding, 25 * 3600 * 1000))).toBe(
      'link address expired',
    );
  });
});
