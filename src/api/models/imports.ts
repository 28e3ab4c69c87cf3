import * as t from 'io-ts';
import { Commit } from './refs';
import { ErrorBody, withOptional } from './common';

export const ImportCreationResponse = t.type({ id: t.string }, 'ImportCreationResponse');
export type ImportCreationResponse = t.TypeOf<typeof ImportCreationResponse>;

export const ImportStatus = withOptional(
  { completed: t.boolean, update_time: t.string },
  { ingested_objects: t.number, metarange_id: t.string, commit: Commit, error: ErrorBody },
  'ImportStatus',
);
export type ImportStatus = t.TypeOf<typeof ImportStatus>;

/**
 * One source of an import: an object or a prefix, and where it lands.
 * @group Models
 */
export interface ImportLocation {
  type: 'common_prefix' | 'object';
  path: string;
  destination: string;
}

/**
 * Body of `POST .../branches/{b}/import` (importStart).
 * @group Models
 */
export interface ImportCreation {
  paths: ImportLocation[];
  commit: { message: string; metadata?: Record<string, string> };
  force?: boolean;
}
