import { ApiError, badRequest, forbidden } from '../http/ApiError';
import { readJson, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { objectBody, optional, optionalStringMap, queryBool, requiredQuery } from '../http/validate';
import { requestBody } from '../http/validateBody';
import type { ServerDeps } from '../ServerDeps';
import { checkArguments } from './checkArguments';
import { realLocalPath } from '../blockstore/openLocalAddress';
import { signStagingAddress, verifyStagingAddress } from '../blockstore/stagingAddress';
import { presignUrl } from '../presign/presignedUrl';
import { assertWritable, findBranch } from '../store/branchStore';
import { makeEntry } from '../store/makeEntry';
import { validPath } from '../store/names';
import { nowSeconds } from '../store/ServerState';
import { checkConditionalHeaders, existsOnBranch } from './objectWriteRoutes';
import { objectStatsJson } from './wireJson';

/**
 * The "backing" flow: hand out a signed fresh address (with `presign=true`, also a presigned PUT URL that
 * writes there), then link what was written there.
 */
export function registerStagingRoutes(router: Router, { state, settings }: ServerDeps): void {
  router.on('GET', '/repositories/:repository/branches/:branch/staging/backing', (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const presign = queryBool(ctx.query, 'presign');
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    // lakeFS looks up only the repository here (the branch, even a malformed name, is checked on link)
    const branch = { id: ctx.params.branch as string };
    // lakeFS's local adapter answers 500 here (not 400 as on the read routes)
    if (presign && !settings.presign)
      throw new ApiError(500, 'local adapter presigned URL: operation not supported');
    const address = state.blockstore.newAddress(repo.storageNamespace);
    const signed = signStagingAddress(settings.signingSecret, address, {
      repository: repo.id,
      branch: branch.id,
      path,
    });
    if (!presign) {
      sendJson(ctx.res, 200, { physical_address: signed, presigned_url: null });
      return;
    }
    const upload = presignUrl(settings, settings.baseUrl, { method: 'PUT', address });
    sendJson(ctx.res, 200, {
      physical_address: signed,
      presigned_url: upload.url,
      presigned_url_expiry: upload.expiresAt,
    });
  });

  router.on('PUT', '/repositories/:repository/branches/:branch/staging/backing', async (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const body = requestBody(await readJson(ctx.req), 'StagingMetadata');
    if (body.staging === undefined || body.staging === null)
      throw badRequest('request body has an error: doesn\'t match schema: property "staging" is missing');
    const staging = objectBody(body.staging);
    const address = optional(staging, 'physical_address', 'string') ?? '';
    const checksumRaw = optional(body, 'checksum', 'string');
    const sizeBytes = optional(body, 'size_bytes', 'number');
    if (checksumRaw === undefined || sizeBytes === undefined)
      throw badRequest(
        'request body has an error: doesn\'t match schema: property "checksum" or "size_bytes" is missing',
      );
    const metadata = optionalStringMap(body, 'user_metadata') ?? {};
    const contentType = optional(body, 'content_type', 'string') || 'application/octet-stream';
    const mtime = optional(body, 'mtime', 'number');
    const force = optional(body, 'force', 'boolean') ?? false;
    ctx.user();
    checkArguments(
      ['repository', 'repository', ctx.params.repository],
      ['branch', 'branch', ctx.params.branch],
    );
    const ifAbsent = checkConditionalHeaders(ctx);
    const repo = state.repository(ctx.params.repository);
    const branch = findBranch(repo, ctx.params.branch);
    assertWritable(repo, force);
    const checksum = checksumRaw.replace(/^[\s"]+|[\s"]+$/g, '');
    if (!checksum) throw badRequest('checksum is required');
    const binding = { repository: repo.id, branch: branch.id, path };
    const unsigned = address.replace(/,[^,/]*$/, '');
    let physicalAddress: string;
    if (state.blockstore.ownsAddress(repo.storageNamespace, unsigned))
      physicalAddress = verifyStagingAddress(settings.signingSecret, address, binding);
    else if (!address.startsWith('local://')) throw badRequest('invalid blockstore type: invalid address');
    else {
      const roots = [...settings.importRoots, ...(settings.dataDir ? [settings.dataDir] : [])];
      // containment on the real path: a symlink inside a root does not lead out of it
      if ((await realLocalPath(address, roots)) === undefined) throw forbidden('forbidden');
      physicalAddress = address;
    }
    if (ifAbsent && existsOnBranch(repo, branch, path)) throw new ApiError(412, 'path already exists');
    const entry = makeEntry({
      physicalAddress,
      checksum,
      sizeBytes,
      mtime: mtime ?? nowSeconds(),
      contentType,
      metadata,
    });
    branch.staging.set(path, entry);
    sendJson(ctx.res, 200, { ...objectStatsJson(path, entry, 'always'), physical_address: address });
  });
}
