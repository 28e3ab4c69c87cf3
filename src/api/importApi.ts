import type { Observable } from 'rxjs';
import type { HttpClient } from '../http/HttpClient';
import { branchPath } from './branchesApi';
import { type ImportCreation, ImportCreationResponse, ImportStatus } from './models/imports';

/** Import endpoints. */
export function importApi(http: HttpClient) {
  return {
    /** `POST /repositories/{r}/branches/{b}/import` → 202 `{ id }`. */
    importStart(
      repository: string,
      branch: string,
      body: ImportCreation,
    ): Observable<ImportCreationResponse> {
      return http.json(
        { method: 'POST', path: `${branchPath(repository, branch)}/import`, json: body },
        ImportCreationResponse,
      );
    },
    /** `GET /repositories/{r}/branches/{b}/import?id=`. */
    importStatus(repository: string, branch: string, id: string): Observable<ImportStatus> {
      return http.json(
        { method: 'GET', path: `${branchPath(repository, branch)}/import`, query: { id } },
        ImportStatus,
      );
    },
    /** `DELETE /repositories/{r}/branches/{b}/import?id=` (204). */
    importCancel(repository: string, branch: string, id: string): Observable<void> {
      return http.void({ method: 'DELETE', path: `${branchPath(repository, branch)}/import`, query: { id } });
    },
  };
}
