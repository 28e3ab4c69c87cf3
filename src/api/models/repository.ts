import * as t from 'io-ts';
import { StringMap, listOf, withOptional } from './common';

export const Repository = withOptional(
  { id: t.string, creation_date: t.number, default_branch: t.string, storage_namespace: t.string },
  { storage_id: t.string, read_only: t.boolean },
  'Repository',
);
export type Repository = t.TypeOf<typeof Repository>;

export const RepositoryList = listOf(Repository, 'RepositoryList');
export type RepositoryList = t.TypeOf<typeof RepositoryList>;

export const RepositoryMetadata = StringMap;
export type RepositoryMetadata = t.TypeOf<typeof RepositoryMetadata>;

/**
 * Body of `POST /repositories`.
 * @group Models
 */
export interface RepositoryCreation {
  name: string;
  storage_namespace: string;
  default_branch?: string;
  sample_data?: boolean;
  read_only?: boolean;
}
