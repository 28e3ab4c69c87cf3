import { randomUUID } from 'node:crypto';
import { mergeLayers } from '../mergeLayers';
import type { EntryRecord, SealedStaging, Staging } from '../types';
import { decodeEntry, encodeEntry, type StoredEntry } from './entryCodec';
import type { MetadataDb } from './MetadataDb';

/** Rows read per query while walking (better-sqlite3 forbids other statements during an open iterator). */
const PAGE = 512;

type Row = { path: string; entry: string | null };

const decode = (entry: string | null): EntryRecord | null =>
  entry === null ? null : decodeEntry(JSON.parse(entry) as StoredEntry);

/** A fresh staging token of a branch (never equal to a branch id: ids cannot hold `@`). */
export const newStagingToken = (branch: string): string => `${branch}@${randomUUID()}`;

/** Reads the rows of staging tokens. */
class TokenRows {
  constructor(
    protected readonly db: MetadataDb,
    protected readonly repo: string,
  ) {}

  protected row(token: string, key: string): { entry: string | null } | undefined {
    return this.db
      .sql('SELECT entry FROM staging WHERE repo = ? AND branch = ? AND path = ?')
      .get(this.repo, token, key) as { entry: string | null } | undefined;
  }

  protected *rows(token: string, from: string): Generator<[string, EntryRecord | null], void, undefined> {
    let rows = this.page(token, '>=', from);
    while (rows.length > 0) {
      for (const row of rows) yield [row.path, decode(row.entry)];
      if (rows.length < PAGE) return;
      rows = this.page(token, '>', (rows[rows.length - 1] as Row).path);
    }
  }

  protected merged(tokens: readonly string[], from: string): IterableIterator<[string, EntryRecord | null]> {
    return mergeLayers(tokens.map((token) => this.rows(token, from)));
  }

  private page(token: string, op: '>=' | '>', from: string): Row[] {
    return this.db
      .sql(
        `SELECT path, entry FROM staging WHERE repo = ? AND branch = ? AND path ${op} ? ORDER BY path LIMIT ${PAGE}`,
      )
      .all(this.repo, token, from) as Row[];
  }
}

/** Tokens sealed for a commit: their rows are never written again. */
class SealedTokens extends TokenRows implements SealedStaging {
  constructor(
    db: MetadataDb,
    repo: string,
    readonly tokens: readonly string[],
  ) {
    super(db, repo);
  }

  entries(from = ''): IterableIterator<[string, EntryRecord | null]> {
    return this.merged(this.tokens, from);
  }
}

/**
 * A branch's staging area as rows of the metadata database: nothing of it is held in memory. Writes go to
 * the live token; tokens sealed by a running commit are still read (newest first). Clearing or committing
 * swaps tokens (one row) and leaves the old rows to a background sweep, so neither costs the size of the
 * staging area.
 */
export class SqliteStaging extends TokenRows implements Staging {
  /**
   * @param tokens - live token first, then sealed ones
   * @param drop - deletes the rows of tokens no longer used (in the background)
   */
  constructor(
    db: MetadataDb,
    repo: string,
    private readonly branch: string,
    private tokens: string[],
    private readonly drop: (tokens: readonly string[]) => void,
  ) {
    super(db, repo);
  }

  /** Sealed tokens a running commit still reads (with how many commits read them): never dropped. */
  private readonly held = new Map<string, number>();

  private get liveToken(): string {
    return this.tokens[0] as string;
  }

  get(key: string): EntryRecord | null | undefined {
    for (const token of this.tokens) {
      const row = this.row(token, key);
      if (row) return decode(row.entry);
    }
    return undefined;
  }

  set(key: string, value: EntryRecord | null): boolean {
    this.db.write(
      'INSERT OR REPLACE INTO staging (repo, branch, path, entry) VALUES (?, ?, ?, ?)',
      this.repo,
      this.liveToken,
      key,
      value === null ? null : JSON.stringify(encodeEntry(value)),
    );
    return true;
  }

  /**
   * Drops the staged change of `key`. A sealed token no commit reads any more (left by a failed commit or
   * a stopped process) loses it too; an entry a running commit is committing is hidden by a tombstone.
   */
  delete(key: string): boolean {
    let committing = false;
    for (const [i, token] of this.tokens.entries()) {
      if (i === 0 || !this.held.has(token))
        this.db.write(
          'DELETE FROM staging WHERE repo = ? AND branch = ? AND path = ?',
          this.repo,
          token,
          key,
        );
      else if (this.row(token, key)?.entry) committing = true;
    }
    if (committing) this.set(key, null);
    return true;
  }

  entries(from = ''): IterableIterator<[string, EntryRecord | null]> {
    return this.merged(this.tokens, from);
  }

  forEachPair(visit: (key: string, value: EntryRecord | null) => void): void {
    for (const [k, v] of this.entries()) visit(k, v);
  }

  clear(): void {
    const old = this.tokens;
    this.setTokens([newStagingToken(this.branch)]);
    this.dropUnheld(old);
  }

  seal(): SealedStaging {
    if (this.rows(this.liveToken, '').next().done !== true)
      this.setTokens([newStagingToken(this.branch), ...this.tokens]);
    const sealed = this.tokens.slice(1);
    for (const token of sealed) this.held.set(token, (this.held.get(token) ?? 0) + 1);
    return new SealedTokens(this.db, this.repo, sealed);
  }

  release(sealed: SealedStaging, committed: boolean): void {
    const tokens = (sealed as SealedTokens).tokens;
    for (const token of tokens) {
      const holders = (this.held.get(token) ?? 1) - 1;
      if (holders > 0) this.held.set(token, holders);
      else this.held.delete(token);
    }
    if (committed) this.setTokens(this.tokens.filter((token) => !tokens.includes(token)));
    // tokens a clear or a branch deletion let go of while the commit read them
    this.dropUnheld(tokens.filter((token) => !this.tokens.includes(token)));
  }

  /** Lets go of every row (the branch is deleted); rows a running commit reads go when it ends. */
  discard(): void {
    const old = this.tokens;
    this.tokens = [];
    this.db.write('DELETE FROM branch_staging WHERE repo = ? AND branch = ?', this.repo, this.branch);
    this.dropUnheld(old);
  }

  private dropUnheld(tokens: readonly string[]): void {
    const free = tokens.filter((token) => !this.held.has(token));
    if (free.length > 0) this.drop(free);
  }

  private setTokens(tokens: string[]): void {
    this.db.write(
      'INSERT OR REPLACE INTO branch_staging (repo, branch, tokens) VALUES (?, ?, ?)',
      this.repo,
      this.branch,
      JSON.stringify(tokens),
    );
    this.tokens = tokens;
  }
}
