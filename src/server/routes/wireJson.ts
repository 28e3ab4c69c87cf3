import type { Pagination } from '../http/paginate';
import type { ChangeRecord } from '../store/ChangeRecord';
import type { PageRow } from '../store/pageRows';
import type { CommitRecord, EntryRecord } from '../store/types';

/**
 * The wire `Commit`.
 * @returns the JSON body
 */
export const commitJson = (c: CommitRecord) => ({
  id: c.id,
  parents: [...c.parents],
  committer: c.committer,
  message: c.message,
  creation_date: c.creationDate,
  meta_range_id: c.metaRangeId,
  metadata: { ...c.metadata },
  generation: c.generation,
  version: 1,
});

/**
 * The wire `Ref`.
 * @returns the JSON body
 */
export const refJson = (id: string, commitId: string) => ({ id, commit_id: commitId });

/**
 * The wire `ObjectStats` of an entry. `metadata` is always present for stat/upload (`{}` when empty) and
 * omitted when empty in listings, as lakeFS does.
 * @param path - the object path
 * @param entry - the entry
 * @param metadata - 'always', 'when-set' (listings) or 'never' (`user_metadata=false`, still `{}` for stat)
 * @returns the JSON body
 */
export function objectStatsJson(path: string, entry: EntryRecord, metadata: 'always' | 'when-set' | 'none') {
  const hasMetadata = Object.keys(entry.metadata).length > 0;
  return {
    path,
    path_type: 'object' as const,
    physical_address: entry.physicalAddress,
    checksum: entry.checksum,
    size_bytes: entry.sizeBytes,
    mtime: entry.mtime,
    ...(metadata === 'always'
      ? { metadata: { ...entry.metadata } }
      : metadata === 'when-set' && hasMetadata
        ? { metadata: { ...entry.metadata } }
        : {}),
    content_type: entry.contentType,
  };
}

/**
 * A common-prefix listing row: the required fields present but empty.
 * @returns the JSON body
 */
export const commonPrefixJson = (path: string) => ({
  path,
  path_type: 'common_prefix' as const,
  physical_address: '',
  checksum: '',
  mtime: 0,
});

/**
 * A wire `Diff` row (common prefixes become `prefix_changed`).
 * @param row - the page row
 * @param includeRight - add `right` stats for rows with a right-hand entry
 * @returns the JSON body
 */
export function diffJson(row: PageRow<ChangeRecord>, includeRight = false) {
  const change = row.value;
  if (!change) return { type: 'prefix_changed', path: row.path, path_type: 'common_prefix' };
  const right = includeRight && change.right;
  return {
    type: change.type,
    path: row.path,
    path_type: 'object',
    ...(change.sizeBytes !== undefined ? { size_bytes: change.sizeBytes } : {}),
    ...(right
      ? {
          right: {
            checksum: right.checksum,
            mtime: right.mtime,
            content_type: right.contentType,
            metadata: { ...right.metadata },
          },
        }
      : {}),
  };
}

/**
 * lakeFS's Pagination for a page whose last key is `lastKey`.
 * @returns the pagination object
 */
export const paginationJson = (
  results: number,
  hasMore: boolean,
  lastKey: string | undefined,
): Pagination => ({
  has_more: hasMore,
  next_offset: hasMore && lastKey !== undefined ? lastKey : '',
  results,
  max_per_page: 1000,
});
