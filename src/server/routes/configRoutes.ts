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

/** `/healthcheck`, `/config/version`, `/config/storage`, `/config`. */
export function registerConfigRoutes(router: Router, { settings }: ServerDeps): void {
  const versionConfig = { version: `lakefs-rx-local-${VERSION}`, version_context: 'lakeFS' };
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
