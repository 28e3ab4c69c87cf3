import type { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { HttpClient } from '../http/HttpClient';
import type { PageParams } from './pageParams';
import { Repository, type RepositoryCreation, RepositoryList, RepositoryMetadata } from './models/repository';

const repoPath = (repository: string): string => `/repositories/${segment(repository)}`;

/** Repository endpoints. */
export function repositoriesApi(http: HttpClient) {
  return {
    /** `GET /repositories`. */
    listRepositories(params: PageParams & { search?: string } = {}): Observable<RepositoryList> {
      return http.json({ method: 'GET', path: '/repositories', query: { ...params } }, RepositoryList);
    },
    /** `POST /repositories` → 201 Repository. */
    createRepository(body: RepositoryCreation, query: { bare?: boolean } = {}): Observable<Repository> {
      return http.json({ method: 'POST', path: '/repositories', json: body, query }, Repository);
    },
    /** `GET /repositories/{repository}`. */
    getRepository(repository: string): Observable<Repository> {
      return http.json(
        { method: 'GET', path: repoPath(repository), subject: `repository ${JSON.stringify(repository)}` },
        Repository,
      );
    },
    /** `DELETE /repositories/{repository}` (204). */
    deleteRepository(repository: string, query: { force?: boolean } = {}): Observable<void> {
      return http.void({
        method: 'DELETE',
        path: repoPath(repository),
        query,
        subject: `repository ${JSON.stringify(repository)}`,
      });
    },
    /** `GET /repositories/{repository}/metadata`. */
    getRepositoryMetadata(repository: string): Observable<RepositoryMetadata> {
      return http.json({ method: 'GET', path: `${repoPath(repository)}/metadata` }, RepositoryMetadata);
    },
    /** `POST /repositories/{repository}/metadata` (merges keys). */
    setRepositoryMetadata(repository: string, metadata: Record<string, string>): Observable<void> {
      return http.void({
        method: 'POST',
        path: `${repoPath(repository)}/metadata`,
        json: { metadata },
        idempotent: true,
      });
    },
    /** `DELETE /repositories/{repository}/metadata`. */
    deleteRepositoryMetadata(repository: string, keys: string[]): Observable<void> {
      return http.void({ method: 'DELETE', path: `${repoPath(repository)}/metadata`, json: { keys } });
    },
  };
}

export { repoPath };
