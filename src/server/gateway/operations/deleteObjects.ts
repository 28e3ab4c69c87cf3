import type { BucketRequest, ObjectRequest } from '../GatewayRequest';
import { arn } from '../../iam/permissions';
import { S3Error } from '../../presign/S3Error';
import { s3Error } from '../s3Errors';
import { readXmlBody, sendXml, type XmlElement } from '../xml';

const MAX_OBJECTS = 1000;
const MAX_BODY = 2 * 1024 * 1024;

/**
 * DeleteObject: on a branch, a committed path gets a tombstone and a staged one vanishes, as through the
 * API; deleting what does not exist, or on a tag or commit, succeeds (204) and changes nothing, as in lakeFS.
 * @param request - the request on the object
 */
export function deleteObject({ res, store, repo, ref, path }: ObjectRequest): void {
  store.delete(repo, ref, path);
  res.writeHead(204);
  res.end();
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * DeleteObjects (`POST /<repository>?delete`): keys are `<branch>/<path>`, each deleted as DeleteObject
 * does; per-key failures are reported in the result, `Quiet` leaves out the successes.
 * @param request - the request on the bucket
 */
export async function deleteObjects(request: BucketRequest): Promise<void> {
  const { res, store, repo, caller } = request;
  if (repo.readOnly) throw s3Error('ErrReadOnlyRepository');
  const doc = (await readXmlBody(caller.body, MAX_BODY)).Delete as Record<string, unknown> | undefined;
  const objects = Array.isArray(doc?.Object) ? (doc.Object as unknown[]) : [];
  if (objects.length === 0 || objects.length > MAX_OBJECTS) throw s3Error('MalformedXML');
  const quiet = text(doc?.Quiet)?.toLowerCase() === 'true';
  const deleted: XmlElement[] = [];
  const errors: XmlElement[] = [];
  for (const object of objects) {
    const key = text((object as Record<string, unknown> | undefined)?.Key) ?? '';
    const slash = key.indexOf('/');
    try {
      // a key without a path names nothing: lakeFS reports it deleted
      if (slash > 0 && slash < key.length - 1) {
        const path = key.slice(slash + 1);
        if (!caller.allows({ action: 'fs:DeleteObject', resource: arn.object(repo.id, path) }))
          throw s3Error('AccessDenied');
        store.delete(repo, key.slice(0, slash), path);
      }
      if (!quiet) deleted.push({ Key: key });
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      errors.push({ Key: key, Code: error.code, Message: error.message });
    }
  }
  sendXml(res, 'DeleteResult', { Deleted: deleted, Error: errors });
}
