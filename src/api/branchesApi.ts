import type { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { HttpClient } from '../http/HttpClient';
import type { PageParams } from './pageParams';
import { DiffList, Ref, RefList, type BranchCreation, type ResetCreation } from './models/refs';
import { repoPath } from './repositoriesApi';

const branchPath = (repository: string, branch: string): string =>
  `${repoPath(repository)}/branches/${segment(branch)}`;

/** How a 404 names a branch request's target. */
const branchSubject = (repository: string, branch: string): string =>
  `branch ${JSON.stringify(branch)} of repository ${JSON.stringify(repository)}`;

/** Branch endpoints. */
export function branchesApi(http: HttpClient) {
  return {
    /** `GET /repositories/{r}/branches`. */
    listBranches(
      repository: string,
      params: PageParams & { show_hidden?: boolean } = {},
    ): Observable<RefList> {
      return http.json(
        { method: 'GET', path: `${repoPath(repository)}/branches`, query: { ...params } },
        RefList,
      );
    },
    /** `POST /repositories/{r}/branches` → 201 with the commit id as plain text. */
    createBranch(repository: string, body: BranchCreation): Observable<string> {
      return http.text({ method: 'POST', path: `${repoPath(repository)}/branches`, json: body });
    },
    /** `GET /repositories/{r}/branches/{b}`. */
    getBranch(repository: string, branch: string): Observable<Ref> {
      return http.json(
        { method: 'GET', path: branchPath(repository, branch), subject: branchSubject(repository, branch) },
        Ref,
      );
    },
    /** `DELETE /repositories/{r}/branches/{b}`. */
    deleteBranch(repository: string, branch: string, query: { force?: boolean } = {}): Observable<void> {
      return http.void({
        method: 'DELETE',
        path: branchPath(repository, branch),
        query,
        subject: branchSubject(repository, branch),
      });
    },
    /** `PUT /repositories/{r}/branches/{b}`: drop uncommitted changes. */
    resetBranch(repository: string, branch: string, body: ResetCreation): Observable<void> {
      return http.void({ method: 'PUT', path: branchPath(repository, branch), json: body });
    },
    /** `PUT /repositories/{r}/branches/{b}/hard_reset?ref=`. */
    hardResetBranch(repository: string, branch: string, ref: string, force?: boolean): Observable<void> {
      return http.void({
        method: 'PUT',
        path: `${branchPath(repository, branch)}/hard_reset`,
        query: { ref, force },
      });
    },
    /** `GET /repositories/{r}/branches/{b}/diff`: uncommitted changes. */
    diffBranch(
      repository: string,
      branch: string,
      params: PageParams & { delimiter?: string } = {},
    ): Observable<DiffList> {
      return http.json(
        { method: 'GET', path: `${branchPath(repository, branch)}/diff`, query: { ...params } },
        DiffList,
      );
    },
  };
}

export { branchPath };
