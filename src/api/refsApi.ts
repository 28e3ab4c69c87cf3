import type { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { HttpClient } from '../http/HttpClient';
import type { PageParams } from './pageParams';
import { DiffList, FindMergeBaseResult, type Merge, MergeResult } from './models/refs';
import { repoPath } from './repositoriesApi';

/** Ref endpoints: diff and merge. */
export function refsApi(http: HttpClient) {
  return {
    /** `GET /repositories/{r}/refs/{left}/diff/{right}`. */
    diffRefs(
      repository: string,
      leftRef: string,
      rightRef: string,
      params: PageParams & {
        type?: 'two_dot' | 'three_dot';
        delimiter?: string;
        include_right_stats?: boolean;
      } = {},
    ): Observable<DiffList> {
      return http.json(
        {
          method: 'GET',
          path: `${repoPath(repository)}/refs/${segment(leftRef)}/diff/${segment(rightRef)}`,
          query: { ...params },
        },
        DiffList,
      );
    },
    /** `POST /repositories/{r}/refs/{source}/merge/{destination}` → 200 MergeResult. Never retried. */
    mergeIntoBranch(
      repository: string,
      sourceRef: string,
      destinationBranch: string,
      body: Merge = {},
    ): Observable<MergeResult> {
      return http.json(
        {
          method: 'POST',
          path: `${repoPath(repository)}/refs/${segment(sourceRef)}/merge/${segment(destinationBranch)}`,
          json: body,
        },
        MergeResult,
      );
    },
    /** `GET /repositories/{r}/refs/{source}/merge/{destination}`. */
    findMergeBase(
      repository: string,
      sourceRef: string,
      destinationBranch: string,
    ): Observable<FindMergeBaseResult> {
      return http.json(
        {
          method: 'GET',
          path: `${repoPath(repository)}/refs/${segment(sourceRef)}/merge/${segment(destinationBranch)}`,
        },
        FindMergeBaseResult,
      );
    },
  };
}
