import type { GatewayRequest } from '../GatewayRequest';
import { s3Timestamp } from '../GatewayRequest';
import { sendXml } from '../xml';

/**
 * ListBuckets: every repository is a bucket.
 * @param request - the authenticated request
 */
export function listBuckets({ res, store, caller }: GatewayRequest): void {
  sendXml(res, 'ListAllMyBucketsResult', {
    Owner: { ID: caller.user, DisplayName: caller.user },
    Buckets: {
      Bucket: store
        .repositories()
        .map((repo) => ({ Name: repo.id, CreationDate: s3Timestamp(repo.creationDate) })),
    },
  });
}
