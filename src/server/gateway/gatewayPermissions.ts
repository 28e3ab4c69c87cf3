import type { IncomingMessage } from 'node:http';
import { arn, type Permission } from '../iam/permissions';
import { copySourceParts } from './operations/copyObject';

/** Where a gateway request points: a repository, and within it a ref and a path. */
export interface GatewayTarget {
  readonly repository: string;
  readonly ref?: string;
  readonly path?: string;
}

/**
 * The permissions lakeFS's gateway checks for a request on a repository or an object (its operations'
 * required permissions): reads need `fs:ReadObject` on the object (the path within the ref), writes
 * and multipart steps `fs:WriteObject`, deletes and aborts `fs:DeleteObject`, a copy (of an object or
 * a part) also reads its source, listings need `fs:ListObjects` and a HEAD of the bucket
 * `fs:ReadRepository`. DeleteObjects is checked key by key where it runs; CreateBucket is refused before
 * any permission matters.
 * @param req - the request
 * @param target - the repository, ref and path it names
 * @returns every permission the request needs
 */
export function gatewayPermissions(req: IncomingMessage, target: GatewayTarget): Permission[] {
  const repo = target.repository;
  if (target.ref === undefined || !target.path) {
    if (req.method === 'HEAD') return [{ action: 'fs:ReadRepository', resource: arn.repository(repo) }];
    if (req.method === 'GET') return [{ action: 'fs:ListObjects', resource: arn.repository(repo) }];
    return [];
  }
  const object = arn.object(repo, target.path);
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return [{ action: 'fs:ReadObject', resource: object }];
    case 'DELETE':
      return [{ action: 'fs:DeleteObject', resource: object }];
    case 'PUT':
    case 'POST': {
      const write: Permission = { action: 'fs:WriteObject', resource: object };
      // a malformed source is the copy operation's to refuse (InvalidArgument)
      const header = req.headers['x-amz-copy-source'];
      const source = typeof header === 'string' ? copySourceParts(header) : undefined;
      return source
        ? [write, { action: 'fs:ReadObject', resource: arn.object(source.repoId, source.path) }]
        : [write];
    }
    default:
      return [];
  }
}
