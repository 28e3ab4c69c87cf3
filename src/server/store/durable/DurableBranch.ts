import type { BranchRecord, Staging } from '../types';
import type { MetadataDb } from './MetadataDb';
import { SqliteStaging } from './SqliteStaging';

/** A branch whose head pointer and staging area live in the metadata database. */
export class DurableBranch implements BranchRecord {
  private head: string;
  private readonly stagingRows: SqliteStaging;

  /**
   * @param tokens - its staging tokens, live first
   * @param drop - lets go of staging tokens' rows (deleted in the background)
   */
  constructor(
    private readonly db: MetadataDb,
    private readonly repo: string,
    readonly id: string,
    commitId: string,
    readonly hidden: boolean,
    tokens: string[],
    drop: (tokens: readonly string[]) => void,
  ) {
    this.head = commitId;
    this.stagingRows = new SqliteStaging(db, repo, id, tokens, drop);
  }

  get commitId(): string {
    return this.head;
  }

  set commitId(value: string) {
    this.db.write('UPDATE branches SET commit_id = ? WHERE repo = ? AND id = ?', value, this.repo, this.id);
    this.head = value;
  }

  get staging(): Staging {
    return this.stagingRows;
  }

  /** Replacing the staging area (e.g. with an empty one after a commit) rewrites the rows. */
  set staging(value: Staging) {
    if (value === this.stagingRows) return;
    this.stagingRows.clear();
    value.forEachPair((k, v) => this.stagingRows.set(k, v));
  }

  /** Lets go of the staging rows (the branch is being deleted). */
  discardStaging(): void {
    this.stagingRows.discard();
  }
}
