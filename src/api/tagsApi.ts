import type { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { HttpClient } from '../http/HttpClient';
import type { PageParams } from './pageParams';
import { Ref, RefList } from './models/refs';
import { repoPath } from './repositoriesApi';

const tagPath = (repository: string, tag: string): string => `${repoPath(repository)}/tags/${segment(tag)}`;

/** Tag endpoints. */
export function tagsApi(http: HttpClient) {
  return {
    /** `GET /repositories/{r}/tags`. */
    listTags(repository: string, params: PageParams = {}): Observable<RefList> {
      return http.json(
        { method: 'GET', path: `${repoPath(repository)}/tags`, query: { ...params } },
        RefList,
      );
    },
    /** `POST /repositories/{r}/tags` → 201 Ref. */
    createTag(repository: string, body: { id: string; ref: string; force?: boolean }): Observable<Ref> {
      return http.json({ method: 'POST', path: `${repoPath(repository)}/tags`, json: body }, Ref);
    },
    /** `GET /repositories/{r}/tags/{tag}`. */
    getTag(repository: string, tag: string): Observable<Ref> {
      return http.json(
        {
          method: 'GET',
          path: tagPath(repository, tag),
          subject: `tag ${JSON.stringify(tag)} of repository ${JSON.stringify(repository)}`,
        },
        Ref,
      );
    },
    /** `DELETE /repositories/{r}/tags/{tag}`. */
    deleteTag(repository: string, tag: string, query: { force?: boolean } = {}): Observable<void> {
      return http.void({ method: 'DELETE', path: tagPath(repository, tag), query });
    },
  };
}
