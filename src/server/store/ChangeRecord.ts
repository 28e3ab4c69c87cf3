import type { EntryRecord } from './types';

/** One difference between two states of a tree, keyed by path elsewhere. */
export interface ChangeRecord {
  readonly type: 'added' | 'removed' | 'changed' | 'conflict';
  /** New size for added/changed, old size for committed removals, 0 for uncommitted removals. */
  readonly sizeBytes?: number;
  /** The right-hand entry; for a removal the removed one (lakeFS's `include_right_stats` reports it). */
  readonly right?: EntryRecord;
}
