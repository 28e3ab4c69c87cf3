import { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { HttpClient } from '../http/HttpClient';
import type { RequestBody } from '../http/types';
import { branchPath } from './branchesApi';
import {
  ObjectErrorList,
  ObjectStats,
  ObjectStatsList,
  StagingLocation,
  type ObjectCopyCreation,
  type StagingMetadata,
} from './models/objects';
import type { PageParams } from './pageParams';
import { repoPath } from './repositoriesApi';

const refObjects = (repository: string, ref: string): string =>
  `${repoPath(repository)}/refs/${segment(ref)}/objects`;

/** Headers of an upload. */
export interface UploadHeaders {
  contentType?: string;
  /** User metadata, sent as `X-Lakefs-Meta-<key>`. */
  metadata?: Record<string, string>;
  /** `If-None-Match: *`: fail with 412 when the path exists. */
  ifAbsent?: boolean;
}

/** Object endpoints. */
export function objectsApi(http: HttpClient) {
  return {
    /** `POST /repositories/{r}/branches/{b}/objects?path=` with a raw body → 201 ObjectStats. */
    uploadObject(
      repository: string,
      branch: string,
      path: string,
      body: RequestBody,
      headers: UploadHeaders = {},
      query: { force?: boolean } = {},
    ): Observable<ObjectStats> {
      const h: Record<string, string> = { 'content-type': headers.contentType ?? 'application/octet-stream' };
      for (const [k, v] of Object.entries(headers.metadata ?? {})) h[`x-lakefs-meta-${k}`] = v;
      if (headers.ifAbsent) h['if-none-match'] = '*';
      return http.json(
        {
          method: 'POST',
          path: `${branchPath(repository, branch)}/objects`,
          query: { path, ...query },
          headers: h,
          body,
          objectRequest: true,
        },
        ObjectStats,
      );
    },
    /** `GET /repositories/{r}/refs/{ref}/objects?path=` streamed as chunks. */
    getObject(
      repository: string,
      ref: string,
      path: string,
      options: { range?: string; presign?: boolean } = {},
      onResponse?: (response: Response) => void,
    ): Observable<Uint8Array> {
      return http.chunks(
        {
          method: 'GET',
          path: refObjects(repository, ref),
          query: { path, presign: options.presign },
          headers: options.range ? { range: options.range } : {},
          objectRequest: true,
        },
        onResponse,
      );
    },
    /**
     * `GET /repositories/{r}/refs/{ref}/objects?path=` for callers that read the body themselves, with
     * backpressure: emits the `Response` once and never completes, so its body stays readable until
     * the caller unsubscribes (which aborts the request). Not retried.
     */
    getObjectResponse(
      repository: string,
      ref: string,
      path: string,
      options: { range?: string; presign?: boolean } = {},
    ): Observable<Response> {
      return http.exchange(
        {
          method: 'GET',
          path: refObjects(repository, ref),
          query: { path, presign: options.presign },
          headers: options.range ? { range: options.range } : {},
          objectRequest: true,
        },
        (response) => new Observable<Response>((subscriber) => subscriber.next(response)),
      );
    },
    /** `HEAD /repositories/{r}/refs/{ref}/objects?path=` → the response headers. */
    headObject(repository: string, ref: string, path: string): Observable<Headers> {
      return http.response(
        { method: 'HEAD', path: refObjects(repository, ref), query: { path }, objectRequest: true },
        (response) => response.headers,
      );
    },
    /** `GET /repositories/{r}/refs/{ref}/objects/stat?path=`. */
    statObject(
      repository: string,
      ref: string,
      path: string,
      query: { user_metadata?: boolean; presign?: boolean } = {},
    ): Observable<ObjectStats> {
      return http.json(
        {
          method: 'GET',
          path: `${refObjects(repository, ref)}/stat`,
          query: { path, ...query },
          objectRequest: true,
        },
        ObjectStats,
      );
    },
    /** `GET /repositories/{r}/refs/{ref}/objects/ls`. */
    listObjects(
      repository: string,
      ref: string,
      params: PageParams & { delimiter?: string; user_metadata?: boolean; presign?: boolean } = {},
    ): Observable<ObjectStatsList> {
      return http.json(
        { method: 'GET', path: `${refObjects(repository, ref)}/ls`, query: { ...params } },
        ObjectStatsList,
      );
    },
    /** `DELETE /repositories/{r}/branches/{b}/objects?path=` (204, also when missing). */
    deleteObject(
      repository: string,
      branch: string,
      path: string,
      query: { force?: boolean } = {},
    ): Observable<void> {
      return http.void({
        method: 'DELETE',
        path: `${branchPath(repository, branch)}/objects`,
        query: { path, ...query },
      });
    },
    /** `POST /repositories/{r}/branches/{b}/objects/delete` with at most 1000 paths. */
    deleteObjects(
      repository: string,
      branch: string,
      paths: string[],
      query: { force?: boolean } = {},
    ): Observable<ObjectErrorList> {
      return http.json(
        {
          method: 'POST',
          path: `${branchPath(repository, branch)}/objects/delete`,
          query,
          json: { paths },
          idempotent: true,
        },
        ObjectErrorList,
      );
    },
    /** `POST /repositories/{r}/branches/{b}/objects/copy?dest_path=` → 201 ObjectStats. */
    copyObject(
      repository: string,
      branch: string,
      destPath: string,
      body: ObjectCopyCreation,
    ): Observable<ObjectStats> {
      return http.json(
        {
          method: 'POST',
          path: `${branchPath(repository, branch)}/objects/copy`,
          query: { dest_path: destPath },
          json: body,
          objectRequest: true,
          idempotent: true,
        },
        ObjectStats,
      );
    },
    /** `PUT /repositories/{r}/branches/{b}/objects/stat/user_metadata?path=` (replaces the map). */
    updateObjectUserMetadata(
      repository: string,
      branch: string,
      path: string,
      set: Record<string, string>,
    ): Observable<void> {
      return http.void({
        method: 'PUT',
        path: `${branchPath(repository, branch)}/objects/stat/user_metadata`,
        query: { path },
        json: { set },
        objectRequest: true,
      });
    },
    /** `GET /repositories/{r}/branches/{b}/staging/backing?path=`. */
    getPhysicalAddress(
      repository: string,
      branch: string,
      path: string,
      query: { presign?: boolean } = {},
    ): Observable<StagingLocation> {
      return http.json(
        {
          method: 'GET',
          path: `${branchPath(repository, branch)}/staging/backing`,
          query: { path, ...query },
          idempotent: false,
        },
        StagingLocation,
      );
    },
    /** `PUT /repositories/{r}/branches/{b}/staging/backing?path=` → 200 ObjectStats. */
    linkPhysicalAddress(
      repository: string,
      branch: string,
      path: string,
      body: StagingMetadata,
      options: { ifAbsent?: boolean } = {},
    ): Observable<ObjectStats> {
      return http.json(
        {
          method: 'PUT',
          path: `${branchPath(repository, branch)}/staging/backing`,
          query: { path },
          json: body,
          headers: options.ifAbsent ? { 'if-none-match': '*' } : {},
          // a conditional link is not idempotent: a resent one would answer 412 for our own object
          idempotent: !options.ifAbsent,
          objectRequest: true,
        },
        ObjectStats,
      );
    },
  };
}
