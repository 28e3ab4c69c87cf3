import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError, unauthorized } from '../http/ApiError';
import { iamOf } from '../iam/IamStore';
import { verifyLoginToken } from './tokens';

/** The server's one user and its secrets. */
export interface AuthConfig {
  readonly userId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly tokenSecret: string;
}

// digests of equal length, so neither the content nor the length of a secret shows in the timing
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const same = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/**
 * Whether a key pair is the server's, compared in constant time (both halves always compared, so the
 * timing tells nothing about which one differed or where).
 * @returns true when both match
 */
export function matchesKeyPair(auth: AuthConfig, accessKeyId: string, secretAccessKey: string): boolean {
  const keyOk = same(accessKeyId, auth.accessKeyId);
  const secretOk = same(secretAccessKey, auth.secretAccessKey);
  return keyOk && secretOk;
}

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
      const user = verifyLoginToken(auth.tokenSecret, parts[1] ?? '');
      // a token outlives nothing: once its user is deleted it no longer authenticates
      if (!user || !iamOf(auth).users.has(user)) throw unauthorized();
      return user;
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(parts[1] ?? '', 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const key = colon >= 0 ? decoded.slice(0, colon) : decoded;
      const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
      if (matchesKeyPair(auth, key, secret)) return auth.userId;
      // key pairs created through the auth API authenticate as their user
      const other = iamOf(auth).authenticate(key, secret);
      if (other) return other;
      throw unauthorized();
    }
    throw unauthorized();
  }
  const cookie = cookieToken(req.headers.cookie);
  if (cookie) {
    const user = verifyLoginToken(auth.tokenSecret, decodeURIComponent(cookie));
    if (!user || !iamOf(auth).users.has(user)) throw unauthorized();
    return user;
  }
  return undefined;
}

/** Who a request is, decided from its headers alone: a user, a refusal (invalid credentials), or nobody. */
export type Identity =
  | { readonly user: string; readonly refused?: undefined }
  | { readonly user?: undefined; readonly refused: ApiError }
  | { readonly user?: undefined; readonly refused?: undefined };

/**
 * {@link authenticate} without throwing, so that the server can know before reading a body whether the
 * caller is a stranger while still answering in lakeFS's order (validation first, then 401).
 * @returns the identity
 */
export function identify(req: IncomingMessage, auth: AuthConfig): Identity {
  try {
    const user = authenticate(req, auth);
    return user ? { user } : {};
  } catch (error) {
    if (error instanceof ApiError) return { refused: error };
    throw error;
  }
}

/** Handlers call this: an unauthenticated request is 401. */
export function requireUser(user: string | undefined): string {
  if (!user) throw unauthorized();
  return user;
}
