import type { Observable } from 'rxjs';
import type { HttpClient } from '../http/HttpClient';
import { AuthenticationToken, CurrentUser } from './models/auth';

/** Authentication endpoints. */
export function authApi(http: HttpClient) {
  return {
    /** `POST /auth/login` → a bearer token. */
    login(body: { access_key_id: string; secret_access_key: string }): Observable<AuthenticationToken> {
      return http.json(
        { method: 'POST', path: '/auth/login', json: body, idempotent: true },
        AuthenticationToken,
      );
    },
    /** `GET /user`. */
    getCurrentUser(): Observable<CurrentUser> {
      return http.json({ method: 'GET', path: '/user' }, CurrentUser);
    },
  };
}
