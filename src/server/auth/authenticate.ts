import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../http/ApiError';
import { iamOf } from '../iam/IamStore';
import { verifyLoginToken } from './tokens';

/** The server's one user and its secrets. */
export interface AuthConfig {
  readonly userId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly tokenSecret: string;
  readonly revokedTokens: Set<string>;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const cookieToken = (header: string | undefined): string | undefined =>
  header
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('internal_auth_session='))
    ?.slice('internal_auth_session='.length);

/**
 * lakeFS's middleware: each scheme is skipped when its credential is absent, a present but invalid one
 * is 401; with no credential at all the request continues unauthenticated (handlers then answer 401).
 */
export function authenticate(req: IncomingMessage, auth: AuthConfig): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const parts = header.trim().split(/\s+/);
    const scheme = parts[0]?.toLowerCase();
    if (scheme === 'bearer') {
      if (parts.length !== 2) throw unauthorized();
      const user = verifyLoginToken(auth.tokenSecret, parts[1] ?? '', auth.revokedTokens);
      if (!user) throw unauthorized();
      return user;
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(parts[1] ?? '', 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const key = colon >= 0 ? decoded.slice(0, colon) : decoded;
      const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
      if (same(key, auth.accessKeyId) && same(secret, auth.secretAccessKey)) return auth.userId;
      // key pairs created through the auth API authenticate as their user
      const other = iamOf(auth).authenticate(key, secret);
      if (other) return other;
      throw unauthorized();
    }
    throw unauthorized();
  }
  const cookie = cookieToken(req.headers.cookie);
  if (cookie) {
    const user = verifyLoginToken(auth.tokenSecret, decodeURIComponent(cookie), auth.revokedTokens);
    if (!user) throw unauthorized();
    return user;
  }
  return undefined;
}

/** Handlers call this: an unauthenticated request is 401. */
export function requireUser(user: string | undefined): string {
  if (!user) throw unauthorized();
  return user;
}
