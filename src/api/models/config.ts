import * as t from 'io-ts';
import { withOptional } from './common';

export const VersionConfig = t.partial(
  {
    version: t.string,
    version_context: t.string,
    latest_version: t.string,
    upgrade_recommended: t.boolean,
    upgrade_url: t.string,
  },
  'VersionConfig',
);
export type VersionConfig = t.TypeOf<typeof VersionConfig>;

export const StorageConfig = withOptional(
  {
    blockstore_type: t.string,
    blockstore_namespace_example: t.string,
    blockstore_namespace_ValidityRegex: t.string,
    pre_sign_support: t.boolean,
    pre_sign_support_ui: t.boolean,
    import_support: t.boolean,
    import_validity_regex: t.string,
  },
  {
    default_namespace_prefix: t.string,
    pre_sign_multipart_upload: t.boolean,
    blockstore_id: t.string,
    blockstore_description: t.string,
  },
  'StorageConfig',
);
export type StorageConfig = t.TypeOf<typeof StorageConfig>;
