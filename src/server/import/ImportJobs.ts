import { stat } from 'node:fs/promises';
import { conflict, notFound } from '../http/ApiError';
import { commitJson } from '../routes/wireJson';
import type { ServerState } from '../store/ServerState';
import { ImportCanceled, importCommitInSlices } from '../store/importCommit';
import { makeEntry } from '../store/makeEntry';
import type { CommitRecord, EntryRecord } from '../store/types';
import { fileChecksum } from './fileChecksum';
import { importId } from './importId';
import { ImportSourceError, resolveImportSource } from './resolveImportSource';
import { walkFiles } from './walkFiles';

/** One source of an import request. */
export interface ImportSourceSpec {
  readonly type: 'common_prefix' | 'object';
  /** `local:///abs/path`. */
  readonly path: string;
  readonly destination: string;
}

/** A validated import request. */
export interface ImportRequest {
  readonly repositoryId: string;
  readonly branchId: string;
  readonly sources: readonly ImportSourceSpec[];
  readonly message: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly committer: string;
}

/** The status the server keeps for one import (what `GET …/import` reports). */
interface ImportRecord {
  readonly id: string;
  readonly repositoryId: string;
  readonly startedAt: number;
  readonly controller: AbortController;
  completed: boolean;
  updateTime: number;
  ingestedObjects: number;
  commit?: CommitRecord;
  error?: string;
}

/** Status is published after this many milliseconds of work, or after {@link PUBLISH_EVERY_FILES} files. */
const PUBLISH_EVERY_MS = 100;
/** Status is published after this many files even when they went fast, so watchers see steady progress. */
const PUBLISH_EVERY_FILES = 500;
/** Files checksummed at once. */
const BATCH = 32;
/** lakeFS forgets import statuses after a day. */
const EXPIRY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds, strictly increasing, so every published status has its own `update_time`. */
let lastTime = 0;
const nextTime = (): number => (lastTime = Math.max(Date.now(), lastTime + 1));

/**
 * The imports of one server: starts them in the background, reports and cancels them. An import walks its
 * sources (see `walkFiles`), checksums every file, publishes progress every ~100 ms or 500 files, and ends
 * in one commit made by `importCommit` — or in an `error`, or cancelled with error `Canceled`.
 */
export class ImportJobs {
  private readonly records = new Map<string, ImportRecord>();

  /**
   * @param state - the server's repositories
   * @param roots - absolute directories imports may read
   */
  constructor(
    private readonly state: ServerState,
    private readonly roots: readonly string[],
  ) {
    this.restore();
  }

  /** With a data directory: statuses kept there; an import the last process did not finish has failed. */
  private restore(): void {
    const db = this.state.durable?.db;
    if (!db) return;
    for (const { json } of db.sql('SELECT json FROM imports').all() as { json: string }[]) {
      const kept = JSON.parse(json) as Omit<ImportRecord, 'controller' | 'commit'> & { commitId?: string };
      const commit =
        kept.commitId !== undefined
          ? this.state.repositories.get(kept.repositoryId)?.commits.get(kept.commitId)
          : undefined;
      const record: ImportRecord = { ...kept, controller: new AbortController(), commit };
      this.records.set(record.id, record);
      if (!record.completed && record.error === undefined) {
        record.error = 'import interrupted: the server stopped before it finished';
        record.updateTime = nextTime();
        this.save(record);
      }
    }
  }

  /** Keeps a status in the data directory, if there is one. */
  private save(record: ImportRecord): void {
    const { controller: _controller, commit, ...kept } = record;
    this.state.durable?.db.write(
      'INSERT OR REPLACE INTO imports (id, json) VALUES (?, ?)',
      record.id,
      JSON.stringify({ ...kept, commitId: commit?.id }),
    );
  }

  /**
   * Starts an import in the background.
   * @param request - a validated request (repository and branch were checked to exist)
   * @returns the import id
   */
  start(request: ImportRequest): string {
    this.expire();
    const now = nextTime();
    const record: ImportRecord = {
      id: importId(),
      repositoryId: request.repositoryId,
      startedAt: now,
      controller: new AbortController(),
      completed: false,
      updateTime: now,
      ingestedObjects: 0,
    };
    this.records.set(record.id, record);
    this.save(record);
    void this.run(record, request);
    return record.id;
  }

  /**
   * The wire `ImportStatus` of an import.
   * @returns the JSON body; 404 for an unknown id
   */
  status(repositoryId: string, id: string) {
    const record = this.find(repositoryId, id);
    return {
      completed: record.completed,
      update_time: new Date(record.updateTime).toISOString(),
      ingested_objects: record.ingestedObjects,
      ...(record.commit
        ? { metarange_id: record.commit.metaRangeId, commit: commitJson(record.commit) }
        : {}),
      ...(record.error !== undefined ? { error: { message: record.error } } : {}),
    };
  }

  /**
   * Cancels an import: it stops without a commit and reports error `Canceled`.
   * 404 for an unknown id, 409 when it already completed.
   */
  cancel(repositoryId: string, id: string): void {
    const record = this.find(repositoryId, id);
    if (record.completed) throw conflict('import already completed: conflict found');
    record.controller.abort();
    record.error = 'Canceled';
    record.updateTime = nextTime();
    this.save(record);
  }

  private find(repositoryId: string, id: string): ImportRecord {
    const record = this.records.get(id);
    if (!record || record.repositoryId !== repositoryId) throw notFound('not found');
    return record;
  }

  private expire(): void {
    const cutoff = Date.now() - EXPIRY_MS;
    for (const [id, record] of this.records) {
      if (record.startedAt >= cutoff) continue;
      this.records.delete(id);
      this.state.durable?.db.write('DELETE FROM imports WHERE id = ?', id);
    }
  }

  private async run(record: ImportRecord, request: ImportRequest): Promise<void> {
    const { signal } = record.controller;
    const entries: [string, EntryRecord][] = [];
    // a file several sources reach (overlapping sources) is read and checksummed once per import
    const seen = new Map<string, Promise<EntryRecord | undefined>>();
    let published = { at: Date.now(), count: 0 };
    const publish = (): void => {
      record.ingestedObjects = entries.length;
      record.updateTime = nextTime();
      published = { at: Date.now(), count: entries.length };
      this.save(record);
    };
    const ingest = async (files: readonly { path: string; key: string }[]): Promise<void> => {
      const found = await Promise.all(
        files.map((file) => {
          let entry = seen.get(file.path);
          if (!entry) {
            entry = importedEntry(file.path);
            seen.set(file.path, entry);
          }
          return entry;
        }),
      );
      if (signal.aborted) return;
      found.forEach((entry, i) => {
        if (entry) entries.push([(files[i] as { key: string }).key, entry]);
      });
      if (
        Date.now() - published.at >= PUBLISH_EVERY_MS ||
        entries.length - published.count >= PUBLISH_EVERY_FILES
      )
        publish();
    };
    try {
      for (const source of request.sources) {
        const resolved = await resolveImportSource(source.path, this.roots);
        if (signal.aborted) return;
        // Addresses keep the path as given (inside a root as configured), not its symlink-resolved form.
        const base = source.path.slice('local://'.length).replace(/\/+$/, '') || '/';
        if (source.type === 'object') {
          if (resolved.isDirectory)
            throw new ImportSourceError(`import ${source.path}: is a directory, not an object`);
          await ingest([{ path: base, key: source.destination }]);
          continue;
        }
        if (!resolved.isDirectory) throw new ImportSourceError(`import ${source.path}: not a directory`);
        const prefix =
          source.destination === '' || source.destination.endsWith('/')
            ? source.destination
            : `${source.destination}/`;
        let batch: { path: string; key: string }[] = [];
        for await (const file of walkFiles(resolved.path)) {
          batch.push({ path: `${base === '/' ? '' : base}/${file.relative}`, key: prefix + file.relative });
          if (batch.length < BATCH) continue;
          await ingest(batch);
          batch = [];
          if (signal.aborted) return;
        }
        await ingest(batch);
      }
      if (signal.aborted) return;
      await this.finish(record, request, entries);
    } catch (error) {
      if (signal.aborted) return;
      record.error = error instanceof Error ? error.message : String(error);
      record.ingestedObjects = entries.length;
      record.updateTime = nextTime();
      this.save(record);
    }
  }

  /**
   * The one commit, built in slices; a cancel arriving meanwhile stops it before the branch moves (that
   * last step is synchronous, so a cancel cannot slip in between the check and the commit).
   */
  private async finish(
    record: ImportRecord,
    request: ImportRequest,
    entries: readonly [string, EntryRecord][],
  ): Promise<void> {
    // the count changes while the commit runs (statuses are read meanwhile): a new status, a new time
    record.ingestedObjects = entries.length;
    record.updateTime = nextTime();
    this.save(record);
    try {
      const repo = this.state.repositories.get(request.repositoryId);
      if (!repo) throw notFound('repository not found');
      const commit = await importCommitInSlices(
        repo,
        request.branchId,
        {
          destinations: request.sources.map((s) => s.destination),
          entries,
          message: request.message,
          committer: request.committer,
          metadata: request.metadata,
          signal: record.controller.signal,
        },
        this.state.events,
      );
      record.commit = commit;
      record.completed = true;
    } catch (error) {
      // cancelled while committing: the cancel already reported it
      if (error instanceof ImportCanceled || record.controller.signal.aborted) return;
      record.error = `merge import: ${error instanceof Error ? error.message : String(error)}`;
    }
    record.updateTime = nextTime();
    // in the same transaction as the import's commit: a status never names a commit that is not there
    this.save(record);
  }
}

/** The entry of one imported file, pointing at it in place; undefined when it is not a regular file. */
async function importedEntry(path: string): Promise<EntryRecord | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return makeEntry({
    physicalAddress: `local://${path}`,
    checksum: await fileChecksum(path, info.size),
    sizeBytes: info.size,
    mtime: Math.floor(info.mtimeMs / 1000),
    contentType: 'application/octet-stream',
    metadata: {},
  });
}
