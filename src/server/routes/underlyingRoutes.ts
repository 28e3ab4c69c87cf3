import { notFound } from '../http/ApiError';
import { sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import { requiredQuery } from '../http/validate';
import type { ServerDeps } from '../ServerDeps';
import { validPath } from '../store/names';
import { lookupEntry, viewOf } from '../store/objectView';
import { resolveRef } from '../store/resolveRef';

/** An object's properties on the underlying store: local storage has no storage class. */
export function registerUnderlyingRoutes(router: Router, { state }: ServerDeps): void {
  router.on('GET', '/repositories/:repository/refs/:ref/objects/underlyingProperties', (ctx) => {
    const path = validPath(requiredQuery(ctx.query, 'path'));
    ctx.user();
    const repo = state.repository(ctx.params.repository);
    if (!lookupEntry(viewOf(resolveRef(repo, ctx.params.ref)), path)) throw notFound('not found');
    sendJson(ctx.res, 200, { storage_class: null });
  });
}
