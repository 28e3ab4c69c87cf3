import { authenticate, matchesKeyPair } from '../auth/authenticate';
import { signLoginToken } from '../auth/tokens';
import { unauthorized } from '../http/ApiError';
import { iamOf } from '../iam/IamStore';
import { readJson, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, requiredString } from '../http/validate';
import type { ServerDeps } from '../ServerDeps';

const LOGIN_TTL_SECONDS = 7 * 24 * 3600;

/**
 * `/auth/login`, `/user` and the setup state (lakeFS has no logout endpoint: its UI's logout is outside
 * the API).
 */
export function registerAuthRoutes(router: Router, { auth, state }: ServerDeps): void {
  void state;
  router.on('POST', '/auth/login', async ({ req, res }) => {
    const body = objectBody(await readJson(req));
    const key = requiredString(body, 'access_key_id');
    const secret = requiredString(body, 'secret_access_key');
    const userId = matchesKeyPair(auth, key, secret) ? auth.userId : iamOf(auth).authenticate(key, secret);
    if (!userId) throw unauthorized();
    const { token, expiresAt } = signLoginToken(auth.tokenSecret, userId, LOGIN_TTL_SECONDS);
    res.setHeader(
      'set-cookie',
      `internal_auth_session=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${30 * 24 * 3600}`,
    );
    sendJson(res, 200, { token, token_expiration: expiresAt });
  });

  // always set up (the admin exists from the start); "internal" tells clients (lakectl, lakeFS's system
  // tests) that users, groups and policies are served and enforced here, unlike lakeFS's single-user "none"
  router.on('GET', '/setup_lakefs', ({ res }) => {
    sendJson(res, 200, {
      state: 'initialized',
      comm_prefs_missing: false,
      login_config: {
        RBAC: 'internal',
        login_url: '',
        login_url_method: 'none',
        login_failed_message: "The credentials don't match.",
        login_cookie_names: ['internal_auth_session'],
        logout_url: '',
      },
    });
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
