import {
  PRESIGNED_PATH,
  type PresignGrant,
  presignUrl,
  verifyPresignedUrl,
} from '../../../../src/server/presign/presignedUrl';
import { S3Error } from '../../../../src/server/presign/S3Error';

const settings = { signingSecret: 'secret', presignExpirySeconds: 60 };
const origin = 'http://127.0.0.1:8000';
const now = Date.UTC(2030, 0, 1);
const read: PresignGrant = {
  method: 'GET',
  address: 'local://ns/data/abc',
  sizeBytes: 11,
  checksum: '5eb63bbbe01eeed093cb22bb8f5acdc3',
  contentType: 'text/plain',
  mtime: 1_700_000_000,
};

function refusal(fn: () => unknown): S3Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('presignUrl / verifyPresignedUrl', () => {
  it('signs a URL on the server origin that verifies back to its grant until it expires', () => {
    const { url, expiresAt } = presignUrl(settings, origin, read, now);
    expect(url.startsWith(`${origin}${PRESIGNED_PATH}`)).toBe(true);
    expect(expiresAt).toBe(now / 1000 + 60);
    expect(verifyPresignedUrl('secret', new URL(url), 'GET', now + 59_999)).toEqual(read);
    expect(verifyPresignedUrl('secret', new URL(url), 'HEAD', now)).toEqual(read);
  });

  it('refuses an expired URL with 403 AccessDenied', () => {
    const { url } = presignUrl(settings, origin, read, now);
    const error = refusal(() => verifyPresignedUrl('secret', new URL(url), 'GET', now + 60_000));
    expect(error).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
    const instant = presignUrl({ signingSecret: 'secret', presignExpirySeconds: 0 }, origin, read, now);
    expect(refusal(() => verifyPresignedUrl('secret', new URL(instant.url), 'GET', now)).code).toBe(
      'AccessDenied',
    );
  });

  const otherAddress = (u: URL): void => {
    const grant = JSON.parse(
      Buffer.from(u.pathname.slice(PRESIGNED_PATH.length), 'base64url').toString(),
    ) as {
      a: string;
    };
    grant.a = 'local://ns/data/other';
    u.pathname = PRESIGNED_PATH + Buffer.from(JSON.stringify(grant)).toString('base64url');
  };
  it.each<[string, (url: URL) => void, string]>([
    [
      'a changed signature',
      (u) => u.searchParams.set('X-Signature', `x${u.searchParams.get('X-Signature')}`),
      'secret',
    ],
    [
      'a later expiry',
      (u) => u.searchParams.set('X-Expires', String(Number(u.searchParams.get('X-Expires')) + 1)),
      'secret',
    ],
    ['another address', otherAddress, 'secret'],
    ['a URL signed with another secret', () => undefined, 'other'],
  ])('refuses %s with 403 SignatureDoesNotMatch', (_, tamper, secret) => {
    const parsed = new URL(presignUrl(settings, origin, read, now).url);
    tamper(parsed);
    expect(refusal(() => verifyPresignedUrl(secret, parsed, 'GET', now))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('binds the method: a read URL cannot write and a write URL cannot read', () => {
    const get = presignUrl(settings, origin, read, now).url;
    const put = presignUrl(settings, origin, { method: 'PUT', address: read.address }, now).url;
    expect(refusal(() => verifyPresignedUrl('secret', new URL(get), 'PUT', now)).code).toBe(
      'SignatureDoesNotMatch',
    );
    expect(refusal(() => verifyPresignedUrl('secret', new URL(put), 'GET', now)).code).toBe(
      'SignatureDoesNotMatch',
    );
    expect(verifyPresignedUrl('secret', new URL(put), 'PUT', now)).toEqual({
      method: 'PUT',
      address: read.address,
    });
  });

  it('refuses a URL without its query parameters with 403 AccessDenied', () => {
    const { url } = presignUrl(settings, origin, read, now);
    const bare = new URL(url);
    bare.search = '';
    expect(refusal(() => verifyPresignedUrl('secret', bare, 'GET', now))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
  });
});
