import { authenticate } from '../auth/authenticate';
import { signLoginToken, tokenId } from '../auth/tokens';
import { unauthorized } from '../http/ApiError';
import { iamOf } from '../iam/IamStore';
import { readJson, sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, requiredString } from '../http/validate';
import type { ServerDeps } from '../ServerDeps';

const LOGIN_TTL_SECONDS = 7 * 24 * 3600;

/** `/auth/login`, `/auth/logout`, `/user`. */
export function registerAuthRoutes(router: Router, { auth, state }: ServerDeps): void {
  void state;
  router.on('POST', '/auth/login', async ({ req, res }) => {
    const body = objectBody(await readJson(req));
    const key = requiredString(body, 'access_key_id');
    const secret = requiredString(body, 'secret_access_key');
    const userId =
      key === auth.accessKeyId && secret === auth.secretAccessKey
        ? auth.userId
        : iamOf(auth).authenticate(key, secret);
    if (!userId) throw unauthorized();
    const { token, expiresAt } = signLoginToken(auth.tokenSecret, userId, LOGIN_TTL_SECONDS);
    res.setHeader(
      'set-cookie',
      `internal_auth_session=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${30 * 24 * 3600}`,
    );
    sendJson(res, 200, { token, token_expiration: expiresAt });
  });

  router.on('GET', '/auth/logout', ({ req, res }) => {
    const header = req.headers.authorization ?? '';
    if (/^bearer\s/i.test(header)) {
      const id = tokenId(header.trim().split(/\s+/)[1] ?? '');
      if (id) auth.revokedTokens.add(id);
    }
    res.setHeader('set-cookie', 'internal_auth_session=; Path=/; HttpOnly; Max-Age=0');
    res.setHeader('location', '/');
    sendEmpty(res, 307);
  });

  router.on('GET', '/user', ({ req, res }) => {
    const user = authenticate(req, auth);
    sendJson(res, 200, {
      user: user
        ? { id: user, creation_date: state.creationDate, friendly_name: user }
        : { id: '', creation_date: 0 },
    });
  });
}
