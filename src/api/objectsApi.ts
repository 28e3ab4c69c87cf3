import { Observable } from 'rxjs';
import { segment } from '../http/buildUrl';
import type { DownloadPart, HttpClient, OpenedResponse } from '../http/HttpClient';
import type { HttpRequest, RequestBodySource } from '../http/types';
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

/** How a 404 names an object request's target. */
export const objectSubject = (repository: string, ref: string, path: string): string =>
  `object ${JSON.stringify(path)} at ${repository}/${ref}`;

/**
 * Headers of an upload.
 * @group Client
 */
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
    /**
     * `POST /repositories/{r}/branches/{b}/objects?path=` with a raw body → 201 ObjectStats. Writing the
     * same bytes to a path twice leaves it as once, so it is retried when its body can be sent again (not
     * a one-shot stream) — unless `ifAbsent`, whose resend would meet our own object (412).
     */
    uploadObject(
      repository: string,
      branch: string,
      path: string,
      body: RequestBodySource,
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
          idempotent: !headers.ifAbsent,
          subject: objectSubject(repository, branch, path),
        },
        ObjectStats,
      );
    },
    /**
     * `GET /repositories/{r}/refs/{ref}/objects?path=` streamed: the answer's headers, then its chunks
     * (see {@link DownloadPart}).
     */
    getObject(
      repository: string,
      ref: string,
      path: string,
      options: { range?: string; presign?: boolean } = {},
    ): Observable<DownloadPart> {
      return http.download(getObjectRequest(repository, ref, path, options));
    },
    /**
     * `GET /repositories/{r}/refs/{ref}/objects?path=` for callers that read the body themselves, with
     * backpressure: emits the answer once (see {@link OpenedResponse}) and completes; the caller then owns
     * the body and aborts it with `abort()`.
     */
    getObjectResponse(
      repository: string,
      ref: string,
      path: string,
      options: { range?: string; presign?: boolean } = {},
    ): Observable<OpenedResponse> {
      return http.open(getObjectRequest(repository, ref, path, options));
    },
    /** `HEAD /repositories/{r}/refs/{ref}/objects?path=` → the response headers. */
    headObject(repository: string, ref: string, path: string): Observable<Headers> {
      return http.response(
        {
          method: 'HEAD',
          path: refObjects(repository, ref),
          query: { path },
          objectRequest: true,
          subject: objectSubject(repository, ref, path),
        },
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
          subject: objectSubject(repository, ref, path),
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
    /** `GET /repositories/{r}/branches/{b}/staging/backing?path=`: a fresh address each time, so retried like a GET. */
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
          idempotent: true,
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
          // a conditional link is not idempotent: a resent one would answer 412 for our own object (the
          // caller settles a lost answer by looking at the path)
          idempotent: !options.ifAbsent,
          objectRequest: true,
          subject: objectSubject(repository, branch, path),
        },
        ObjectStats,
      );
    },
  };
}

/** The object GET both the streamed and the caller-read forms send. */
function getObjectRequest(
  repository: string,
  ref: string,
  path: string,
  options: { range?: string; presign?: boolean },
): HttpRequest {
  return {
    method: 'GET',
    path: refObjects(repository, ref),
    query: { path, presign: options.presign },
    headers: options.range ? { range: options.range } : {},
    objectRequest: true,
    subject: objectSubject(repository, ref, path),
  };
}
