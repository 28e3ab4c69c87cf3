import { createHash } from 'node:crypto';
import type { RepositoryRecord } from '../store/types';

/** A repository's garbage-collection rules, as the API carries them. */
export interface GcRules {
  readonly default_retention_days: number;
  readonly branches: readonly { readonly branch_id: string; readonly retention_days: number }[];
}

/** Settings lakeFS keeps beside a repository's refs: branch protection and GC rules. */
export interface RepositorySettings {
  protection: readonly string[];
  gcRules: GcRules | undefined;
}

// Keyed by the record itself: a deleted and re-created repository starts with no settings, as in lakeFS.
const settings = new WeakMap<RepositoryRecord, RepositorySettings>();

/** The settings of `repo`, created empty on first use. */
export function settingsOf(repo: RepositoryRecord): RepositorySettings {
  let found = settings.get(repo);
  if (!found) {
    found = { protection: [], gcRules: undefined };
    settings.set(repo, found);
  }
  return found;
}

/**
 * The ETag of a rule set: a digest of its patterns, empty when there are none (what lakeFS sends before
 * any rule was set), so a client can replace the rules only if nobody changed them meanwhile.
 */
export function protectionETag(patterns: readonly string[]): string {
  if (patterns.length === 0) return '';
  return createHash('sha256').update(JSON.stringify(patterns)).digest('hex');
}
