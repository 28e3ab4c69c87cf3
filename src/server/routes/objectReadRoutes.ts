import { pipeline } from 'node:stream/promises';
import { ApiError, badRequest, notFound } from '../http/ApiError';
import type { RequestContext } from '../http/context';
import { sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { queryAmount, queryBool, requiredQuery } from '../http/validate';
import type { ServerDeps } from '../ServerDeps';
import { checkArguments } from './checkArguments';
import { validPath } from '../store/names';
import { lookupEntry, viewEntries, viewOf } from '../store/objectView';
import { pageRows } from '../store/pageRows';
import { resolveRef } from '../store/resolveRef';
import type { EntryRecord } from '../store/types';
import { type PresignedUrl, presignUrl } from '../presign/presignedUrl';
import { withPresignedAddress } from '../presign/withPresignedAddress';
import { checkRangeSyntax, parseRange } from './parseRange';
import { commonPrefixJson, objectStatsJson, paginationJson } from './wireJson';

const INLINE_TYPES = /^(text\/plain|text\/csv|application\/json|application\/pdf|image\/[\w.+-]+)(;|$)/i;
const presignUnsupported = (): ApiError => badRequest('local adapter presigned URL: operation not supported');

/**
 * Object reads on any ref: get/head (with Range and If-None-Match), stat and ls. With `presign=true` (and
 * presign enabled) stat and ls hand out signed URLs on this server and get redirects to one.
 */
export function registerObjectReadRoutes(router: Router, { state, settings }: ServerDeps): void {
  const presignedRead = (ctx: RequestContext, entry: EntryRecord): PresignedUrl =>
    presignUrl(settings, settings.baseUrl, {
      method: 'GET',
      address: entry.physicalAddress,
      sizeBytes: entry.sizeBytes,
      checksum: entry.checksum,
      contentType: entry.contentType,
      mtime: entry.mtime,
    });

  const findEntry = (ctx: RequestContext, path: string): EntryRecord => {
    const repo = state.repository(ctx.params.repository);
    const entry = lookupEntry(viewOf(resolveRef(repo, ctx.params.ref)), path);
    if (!entry) throw notFound('not found');
    return entry;
  };

  const getObject = async (ctx: RequestContext): Promise<void> => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const rangeHeader = ctx.req.headers.range;
    checkRangeSyntax(rangeHeader);
    const head = ctx.req.method === 'HEAD';
    // HEAD has no presign parameter in lakeFS's API: it is ignored there
    const presign = !head && queryBool(ctx.query, 'presign');
    ctx.user();
    checkArguments(['repository', 'repository', ctx.params.repository], ['ref', 'ref', ctx.params.ref]);
    const entry = findEntry(ctx, path);
    if (presign) {
      if (!settings.presign) throw presignUnsupported();
      ctx.res.writeHead(302, { location: presignedRead(ctx, entry).url, 'content-length': 0 });
      ctx.res.end();
      return;
    }
    const etag = `"${entry.checksum}"`;
    // lakeFS's download headers: HEAD gets the object's and the cache headers only
    const headers: Record<string, string | number> = {
      'cache-control': 'no-store, must-revalidate',
      expires: '0',
      etag,
      'last-modified': new Date(entry.mtime * 1000).toUTCString(),
      'content-type': entry.contentType || 'application/octet-stream',
      ...(head
        ? { 'accept-ranges': 'bytes' }
        : {
            'content-disposition': INLINE_TYPES.test(entry.contentType) ? 'inline' : 'attachment',
            'content-security-policy': "default-src 'none'",
            'x-content-type-options': 'nosniff',
            'x-frame-options': 'SAMEORIGIN',
          }),
    };
    const ifNoneMatch = ctx.req.headers['if-none-match'];
    if (!head && ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag)) {
      ctx.res.writeHead(304);
      ctx.res.end();
      return;
    }
    const range = parseRange(rangeHeader, entry.sizeBytes);
    if (range.kind === 'unsatisfiable') {
      // like a 200 would, but a JSON error body
      for (const [k, v] of Object.entries(headers)) if (k !== 'content-type') ctx.res.setHeader(k, v);
      ctx.res.setHeader('content-range', `bytes */${entry.sizeBytes}`);
      throw new ApiError(416, 'Requested Range Not Satisfiable');
    }
    const status = range.kind === 'range' ? 206 : 200;
    const length = range.kind === 'range' ? range.range.end - range.range.start + 1 : entry.sizeBytes;
    if (range.kind === 'range')
      headers['content-range'] = `bytes ${range.range.start}-${range.range.end}/${entry.sizeBytes}`;
    headers['content-length'] = length;
    if (head) {
      ctx.res.writeHead(status, headers);
      ctx.res.end();
      return;
    }
    const body = await state.blockstore.open(
      entry.physicalAddress,
      range.kind === 'range' ? range.range : undefined,
    );
    ctx.res.writeHead(status, headers);
    try {
      await pipeline(body, ctx.res);
    } catch {
      // the client went away or the data vanished mid-stream: the connection is already torn down
      ctx.res.destroy();
    }
  };

  router.on('GET', '/repositories/:repository/refs/:ref/objects', getObject);
  router.on('HEAD', '/repositories/:repository/refs/:ref/objects', getObject);

  router.on('GET', '/repositories/:repository/refs/:ref/objects/stat', (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    const userMetadata = queryBool(ctx.query, 'user_metadata', true);
    const presign = queryBool(ctx.query, 'presign');
    ctx.user();
    checkArguments(['repository', 'repository', ctx.params.repository], ['ref', 'ref', ctx.params.ref]);
    const entry = findEntry(ctx, path);
    if (presign && !settings.presign) throw presignUnsupported();
    const json = objectStatsJson(path, entry, userMetadata ? 'always' : 'none');
    const body = userMetadata ? json : { ...json, metadata: {} };
    sendJson(ctx.res, 200, presign ? withPresignedAddress(body, presignedRead(ctx, entry)) : body);
  });

  router.on('GET', '/repositories/:repository/refs/:ref/objects/ls', (ctx) => {
    const amount = queryAmount(ctx.query);
    const userMetadata = queryBool(ctx.query, 'user_metadata', true);
    const presign = queryBool(ctx.query, 'presign');
    ctx.user();
    checkArguments(['repository', 'repository', ctx.params.repository], ['ref', 'ref', ctx.params.ref]);
    const repo = state.repository(ctx.params.repository);
    const view = viewOf(resolveRef(repo, ctx.params.ref));
    const { rows, hasMore } = pageRows((from) => viewEntries(view, from), {
      prefix: ctx.query.get('prefix') ?? '',
      after: ctx.query.get('after') ?? '',
      delimiter: ctx.query.get('delimiter') ?? '',
      amount,
    });
    if (presign && !settings.presign && rows.some((r) => r.value)) throw presignUnsupported();
    sendJson(ctx.res, 200, {
      pagination: paginationJson(rows.length, hasMore, rows[rows.length - 1]?.path),
      results: rows.map((r) => {
        if (!r.value) return commonPrefixJson(r.path);
        const json = objectStatsJson(r.path, r.value, userMetadata ? 'when-set' : 'none');
        return presign ? withPresignedAddress(json, presignedRead(ctx, r.value)) : json;
      }),
    });
  });
}
