import * as t from 'io-ts';
import { StringMap, listOf, withOptional } from './common';

export const Ref = t.type({ id: t.string, commit_id: t.string }, 'Ref');
export type Ref = t.TypeOf<typeof Ref>;

export const RefList = listOf(Ref, 'RefList');
export type RefList = t.TypeOf<typeof RefList>;

export const Commit = withOptional(
  {
    id: t.string,
    parents: t.array(t.string),
    committer: t.string,
    message: t.string,
    creation_date: t.number,
    meta_range_id: t.string,
  },
  { metadata: StringMap, generation: t.number, version: t.number },
  'Commit',
);
export type Commit = t.TypeOf<typeof Commit>;

export const CommitList = listOf(Commit, 'CommitList');
export type CommitList = t.TypeOf<typeof CommitList>;

export const DiffObjectStat = withOptional(
  { checksum: t.string, mtime: t.number, content_type: t.string },
  { metadata: StringMap },
  'DiffObjectStat',
);

export const Diff = withOptional(
  {
    type: t.keyof({ added: null, removed: null, changed: null, conflict: null, prefix_changed: null }),
    path: t.string,
    path_type: t.keyof({ object: null, common_prefix: null }),
  },
  { size_bytes: t.number, right: DiffObjectStat },
  'Diff',
);
export type Diff = t.TypeOf<typeof Diff>;

export const DiffList = listOf(Diff, 'DiffList');
export type DiffList = t.TypeOf<typeof DiffList>;

export const MergeResult = t.type({ reference: t.string }, 'MergeResult');
export type MergeResult = t.TypeOf<typeof MergeResult>;

export const FindMergeBaseResult = t.type(
  { source_commit_id: t.string, destination_commit_id: t.string, base_commit_id: t.string },
  'FindMergeBaseResult',
);
export type FindMergeBaseResult = t.TypeOf<typeof FindMergeBaseResult>;

/**
 * Body of `POST .../branches/{b}/commits` (commit).
 * @group Models
 */
export interface CommitCreation {
  message: string;
  metadata?: Record<string, string>;
  date?: number;
  allow_empty?: boolean;
  force?: boolean;
}

/**
 * Body of `POST .../branches` (createBranch).
 * @group Models
 */
export interface BranchCreation {
  name: string;
  source: string;
  force?: boolean;
  hidden?: boolean;
}

/**
 * Body of `POST .../refs/{source}/merge/{destination}` (mergeIntoBranch).
 * @group Models
 */
export interface Merge {
  message?: string;
  metadata?: Record<string, string>;
  strategy?: string;
  force?: boolean;
  allow_empty?: boolean;
  squash_merge?: boolean;
}

/**
 * Body of `PUT .../branches/{b}` (resetBranch): drop uncommitted changes.
 * @group Models
 */
export interface ResetCreation {
  type: 'object' | 'common_prefix' | 'reset';
  path?: string;
  force?: boolean;
}

/**
 * Message and metadata that replace the originals on revert / cherry-pick.
 * @group Models
 */
export interface CommitOverrides {
  message?: string;
  metadata?: Record<string, string>;
}

/**
 * Body of `POST .../branches/{b}/revert` (revertBranch).
 * @group Models
 */
export interface RevertCreation {
  ref: string;
  parent_number: number;
  commit_overrides?: CommitOverrides;
  force?: boolean;
  allow_empty?: boolean;
}

/**
 * Body of `POST .../branches/{b}/cherry-pick` (cherryPick).
 * @group Models
 */
export interface CherryPickCreation {
  ref: string;
  parent_number?: number;
  commit_overrides?: CommitOverrides;
  force?: boolean;
}
