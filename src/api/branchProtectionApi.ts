import { type Observable, mergeMap } from 'rxjs';
import { segment } from '../http/buildUrl';
import { decodeOrThrow } from '../http/decode';
import type { HttpClient } from '../http/HttpClient';
import { GetBranchProtectionRulesResponse } from './generated/models';

/**
 * A repository's branch protection rules with the ETag that makes replacing them conditional.
 * @group Models
 */
export interface BranchProtectionRulesWithETag {
  readonly rules: GetBranchProtectionRulesResponse;
  /** The `ETag` header as sent (empty while no rule was ever set). */
  readonly etag: string;
}

/** Branch protection reads that need the answer's headers, which the generated function drops. */
export function branchProtectionApi(http: HttpClient) {
  return {
    /** `GET /repositories/{r}/settings/branch_protection` → the rules and their `ETag`. */
    getBranchProtectionRulesWithETag(repository: string): Observable<BranchProtectionRulesWithETag> {
      const path = `/repositories/${segment(repository)}/settings/branch_protection`;
      // `open` hands over the answer with its headers; the body is small and read whole here.
      return http.open({ method: 'GET', path }).pipe(
        mergeMap(async ({ response }) => {
          const text = await response.text();
          const rules = decodeOrThrow(
            GetBranchProtectionRulesResponse,
            JSON.parse(text) as unknown,
            `GET ${path}`,
          );
          return { rules, etag: response.headers.get('etag') ?? '' };
        }),
      );
    },
  };
}
