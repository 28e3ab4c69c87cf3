import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Signs an HS256 JWT with the claims lakeFS puts in a login token. */
export function signLoginToken(
  secret: string,
  userId: string,
  ttlSeconds: number,
  now = Date.now(),
): {
  token: string;
  expiresAt: number;
} {
  const iat = Math.floor(now / 1000);
  const exp = iat + ttlSeconds;
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({ jti: randomUUID(), iss: 'auth', sub: userId, aud: 'login', iat, exp }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return { token: `${header}.${payload}.${signature}`, expiresAt: exp };
}

/**
 * Verifies a login token; returns its subject or undefined when invalid or expired. Like lakeFS's, a
 * token stays valid until it expires: its API has no logout or revocation.
 */
export function verifyLoginToken(secret: string, token: string, now = Date.now()): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: string;
      exp?: number;
      aud?: string;
    };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now) return undefined;
    if (claims.aud !== undefined && claims.aud !== 'login' && claims.aud !== '') return undefined;
    return claims.sub;
  } catch {
    return undefined;
  }
}
