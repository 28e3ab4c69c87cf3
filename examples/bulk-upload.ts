/**
 * Concurrent bulk upload: many objects, at most N requests in flight, results as they land.
 *
 * `mergeMap(upload, concurrency)` is the whole trick: it subscribes to at most `concurrency` uploads at a
 * time and starts the next one as soon as one finishes. Each file's bytes are produced only when its upload
 * starts, so memory holds the `concurrency` files in flight, not the whole batch.
 *
 * Run it with `npx tsx examples/bulk-upload.ts` (starts the local server).
 */
import { type Observable, count, defer, from, lastValueFrom, mergeMap, tap } from 'rxjs';
import { type Branch, LakeFS, type ObjectInfo, type UploadData } from '../src';
import { runAgainstLocalServer, runIfMain } from './support/runExample';

/** One object to upload; `data` is called only when its upload starts. */
export interface BulkItem {
  readonly path: string;
  readonly data: () => UploadData;
  readonly contentType?: string;
}

/**
 * Uploads every item to `branch`, `concurrency` at a time.
 * @param branch - where the objects go
 * @param items - what to upload (an array, a generator, or an Observable)
 * @param concurrency - the most uploads in flight at once
 * @returns each uploaded object's stats, in completion order
 */
export function bulkUpload(
  branch: Branch,
  items: Iterable<BulkItem> | Observable<BulkItem>,
  concurrency = 8,
): Observable<ObjectInfo> {
  return from(items).pipe(
    mergeMap(
      (item) =>
        defer(() =>
          branch
            .object(item.path)
            .upload(item.data(), item.contentType !== undefined ? { contentType: item.contentType } : {}),
        ),
      concurrency,
    ),
  );
}

/** What {@link runBulkUpload} did. */
export interface BulkUploadSummary {
  readonly uploaded: number;
  /** The most uploads that were in flight at the same time (never above the limit). */
  readonly maxInFlight: number;
  /** Objects found under the prefix after the commit. */
  readonly listed: number;
  readonly commitId: string;
  readonly elapsedMs: number;
}

/**
 * Uploads `files` generated JSON files with a concurrency limit, commits them, and counts what landed.
 * @param lakefs - the client
 * @param log - where to report progress
 * @param options - how many files, and how many at once @default { files: 300, concurrency: 8 }
 * @returns counts, the observed peak concurrency and the commit id
 */
export async function runBulkUpload(
  lakefs: LakeFS,
  log: (line: string) => void = console.log,
  options: { files?: number; concurrency?: number } = {},
): Promise<BulkUploadSummary> {
  const files = options.files ?? 300;
  const concurrency = options.concurrency ?? 8;
  const repo = lakefs.repository(`bulk-upload-${Date.now().toString(36)}`);
  await lastValueFrom(repo.create());
  try {
    const branch = repo.branch('main');
    let inFlight = 0;
    let maxInFlight = 0;
    function* items(): Generator<BulkItem> {
      for (let i = 0; i < files; i++) {
        yield {
          path: `events/${String(i).padStart(5, '0')}.json`,
          contentType: 'application/json',
          data: () => {
            // Called when the upload starts: count it as in flight until its Observable ends.
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            return JSON.stringify({ id: i, at: new Date(0).toISOString(), payload: 'x'.repeat(i % 512) });
          },
        };
      }
    }
    const started = Date.now();
    let uploaded = 0;
    await lastValueFrom(
      bulkUpload(branch, items(), concurrency).pipe(
        tap(() => {
          inFlight -= 1;
          uploaded += 1;
          if (uploaded % 100 === 0) log(`uploaded ${uploaded}/${files}`);
        }),
      ),
    );
    const elapsedMs = Date.now() - started;
    log(`uploaded ${uploaded} objects in ${elapsedMs} ms, at most ${maxInFlight} at a time`);
    const commit = await lastValueFrom(branch.commit(`bulk upload of ${uploaded} events`));
    const listed = await lastValueFrom(branch.objects({ prefix: 'events/' }).pipe(count()));
    log(`commit ${commit.id}: ${listed} objects under events/`);
    return { uploaded, maxInFlight, listed, commitId: commit.id, elapsedMs };
  } finally {
    await lastValueFrom(repo.delete());
  }
}

runIfMain(module, () => runAgainstLocalServer(runBulkUpload));
