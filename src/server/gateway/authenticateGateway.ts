import type { IncomingMessage } from 'node:http';
import type { AuthConfig } from '../auth/authenticate';
import { iamOf } from '../iam/IamStore';
import type { PermissionNode } from '../iam/permissions';
import { s3Error } from './s3Errors';
import { parseSigV2, verifySigV2 } from './sigv2/verifySigV2';
import { parseSigV4 } from './sigv4/parseSigV4';
import { verifiedBody } from './sigv4/verifiedBody';
import { verifySigV4 } from './sigv4/verifySigV4';

/** An authenticated gateway request: who made it and its verified payload. */
export interface GatewayCaller {
  readonly user: string;
  /** The payload, decoded and verified while it streams. */
  readonly body: AsyncIterable<Uint8Array>;
  /** The payload's length when the request announced it. */
  readonly length?: number;
  /** Whether the caller's policies grant `node`. */
  allows(node: PermissionNode): boolean;
  /** Whether some allow statement of the caller names `action`, on any resource. */
  allowsSomewhere(action: string): boolean;
}

/**
 * Authenticates an S3 request as lakeFS's gateway does: SigV4 by header or presigned query, or SigV2 by header (older clients, minio's V2 mode); an unknown
 * access key is `AccessDenied` (lakeFS does not reveal which keys exist), then the signature, the clock
 * and the expiry are checked (see `verifySigV4`). Credentials never appear in the errors.
 * @param req - the request
 * @param query - its query parameters
 * @param auth - the server's auth config: its key pair and, through its IAM store, every user's keys
 * @returns the caller and the verified body
 */
export function authenticateGateway(
  req: IncomingMessage,
  query: URLSearchParams,
  auth: AuthConfig,
): GatewayCaller {
  const iam = iamOf(auth);
  // any user's key pair, as on the API; the caller's policies then decide each operation
  const keyPair = (accessKeyId: string): { userId: string; secretAccessKey: string } => {
    const found = iam.credentials.get(accessKeyId);
    if (!found || !iam.users.has(found.userId)) throw s3Error('AccessDenied');
    return found;
  };
  const policies = (user: string): Pick<GatewayCaller, 'allows' | 'allowsSomewhere'> => ({
    allows: (node) => iam.allows(user, node),
    allowsSomewhere: (action) => iam.allowsSomewhere(user, action),
  });
  const v2 = parseSigV2(req.headers.authorization);
  if (v2) {
    const key = keyPair(v2.accessKeyId);
    verifySigV2(req, v2, key.secretAccessKey);
    const length = req.headers['content-length'];
    return {
      user: key.userId,
      body: req,
      length: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
      ...policies(key.userId),
    };
  }
  const claim = parseSigV4(req, query);
  const key = keyPair(claim.accessKeyId);
  const signature = verifySigV4(req, claim, key.secretAccessKey);
  return { user: key.userId, ...verifiedBody(req, claim, signature), ...policies(key.userId) };
}
