import { sendEmpty, sendJson } from '../http/respond';
import type { Router } from '../http/Router';
import type { ServerDeps } from '../ServerDeps';
import { VERSION } from '../../version';

/** The storage config of lakeFS's local blockstore, with presign as configured. */
export function storageConfig(presign: boolean, importEnabled: boolean) {
  return {
    blockstore_type: 'local',
    blockstore_namespace_example: 'local://example-bucket/',
    blockstore_namespace_ValidityRegex: '^local://',
    default_namespace_prefix: 'local://',
    pre_sign_support: presign,
    pre_sign_support_ui: presign,
    import_support: importEnabled,
    import_validity_regex: '^local://',
    pre_sign_multipart_upload: presign,
    blockstore_id: '',
    blockstore_description: '',
  };
}

/**
 * The lakeFS release whose behaviour the server implements (LAKEFS-BEHAVIOR.md describes lakeFS as of it).
 * Clients parse `version` to pick features (lakefs-spec: `tuple(int(t) for t in version.split("."))`), so it
 * must be a plain lakeFS version; who we really are goes into `version_context`.
 */
export const IMPLEMENTED_LAKEFS_VERSION = '1.84.0';

/** `/healthcheck`, `/config/version`, `/config/storage`, `/config`. */
export function registerConfigRoutes(router: Router, { settings }: ServerDeps): void {
  const versionConfig = {
    version: IMPLEMENTED_LAKEFS_VERSION,
    version_context: `lakefs-rx-local ${VERSION}`,
  };
  const storage = () => storageConfig(settings.presign, settings.importRoots.length > 0);
  router.on('GET', '/healthcheck', ({ res }) => sendEmpty(res, 204));
  router.on('GET', '/config/version', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, versionConfig);
  });
  router.on('GET', '/config/storage', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, storage());
  });
  router.on('GET', '/config', (ctx) => {
    ctx.user();
    sendJson(ctx.res, 200, {
      version_config: versionConfig,
      storage_config: storage(),
      storage_config_list: [],
      ui_config: {},
      capabilities_config: {},
    });
  });
}
