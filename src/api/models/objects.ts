import * as t from 'io-ts';
import { StringMap, listOf, withOptional } from './common';

export const ObjectStats = withOptional(
  {
    path: t.string,
    path_type: t.keyof({ object: null, common_prefix: null }),
    physical_address: t.string,
    checksum: t.string,
    mtime: t.number,
  },
  {
    physical_address_expiry: t.number,
    size_bytes: t.number,
    metadata: StringMap,
    content_type: t.string,
  },
  'ObjectStats',
);
export type ObjectStats = t.TypeOf<typeof ObjectStats>;

export const ObjectStatsList = listOf(ObjectStats, 'ObjectStatsList');
export type ObjectStatsList = t.TypeOf<typeof ObjectStatsList>;

export const ObjectError = withOptional(
  { status_code: t.number, message: t.string },
  { path: t.string },
  'ObjectError',
);
export const ObjectErrorList = t.type({ errors: t.array(ObjectError) }, 'ObjectErrorList');
export type ObjectErrorList = t.TypeOf<typeof ObjectErrorList>;

export const StagingLocation = t.partial(
  {
    physical_address: t.string,
    presigned_url: t.union([t.string, t.null]),
    presigned_url_expiry: t.number,
  },
  'StagingLocation',
);
export type StagingLocation = t.TypeOf<typeof StagingLocation>;

/**
 * Body of `PUT .../staging/backing` (linkPhysicalAddress).
 * @group Models
 */
export interface StagingMetadata {
  staging: StagingLocation;
  checksum: string;
  size_bytes: number;
  user_metadata?: Record<string, string>;
  content_type?: string;
  mtime?: number;
  force?: boolean;
}

/**
 * Body of `POST .../objects/copy` (copyObject).
 * @group Models
 */
export interface ObjectCopyCreation {
  src_path: string;
  src_ref?: string;
  force?: boolean;
  shallow?: boolean;
}
