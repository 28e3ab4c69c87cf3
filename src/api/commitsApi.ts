import type { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { HttpClient } from '../http/HttpClient';
import { branchPath } from './branchesApi';
import {
  Commit,
  CommitList,
  type CherryPickCreation,
  type CommitCreation,
  type RevertCreation,
} from './models/refs';
import { repoPath } from './repositoriesApi';

/**
 * Query of `GET /repositories/{r}/refs/{ref}/commits`.
 * @group Client
 */
export interface LogCommitsParams {
  after?: string;
  amount?: number;
  objects?: string[];
  prefixes?: string[];
  limit?: boolean;
  first_parent?: boolean;
  since?: string;
  stop_at?: string;
}

/** Commit endpoints. */
export function commitsApi(http: HttpClient) {
  return {
    /**
     * `POST /repositories/{r}/branches/{b}/commits` → 201 Commit. Never retried. With `source_metarange`
     * the commit holds that meta-range's content instead of the staged changes (the branch must be clean).
     */
    commit(
      repository: string,
      branch: string,
      body: CommitCreation,
      params: { source_metarange?: string } = {},
    ): Observable<Commit> {
      return http.json(
        {
          method: 'POST',
          path: `${branchPath(repository, branch)}/commits`,
          query: { source_metarange: params.source_metarange },
          json: body,
        },
        Commit,
      );
    },
    /** `GET /repositories/{r}/commits/{commitId}` (any ref works). */
    getCommit(repository: string, commitId: string): Observable<Commit> {
      return http.json(
        {
          method: 'GET',
          path: `${repoPath(repository)}/commits/${segment(commitId)}`,
          subject: `ref ${JSON.stringify(commitId)} of repository ${JSON.stringify(repository)}`,
        },
        Commit,
      );
    },
    /** `GET /repositories/{r}/refs/{ref}/commits`. */
    logCommits(repository: string, ref: string, params: LogCommitsParams = {}): Observable<CommitList> {
      return http.json(
        { method: 'GET', path: `${repoPath(repository)}/refs/${segment(ref)}/commits`, query: { ...params } },
        CommitList,
      );
    },
    /** `POST /repositories/{r}/branches/{b}/revert` (204). */
    revertBranch(repository: string, branch: string, body: RevertCreation): Observable<void> {
      return http.void({ method: 'POST', path: `${branchPath(repository, branch)}/revert`, json: body });
    },
    /** `POST /repositories/{r}/branches/{b}/cherry-pick` → 201 Commit. */
    cherryPick(repository: string, branch: string, body: CherryPickCreation): Observable<Commit> {
      return http.json(
        { method: 'POST', path: `${branchPath(repository, branch)}/cherry-pick`, json: body },
        Commit,
      );
    },
  };
}
