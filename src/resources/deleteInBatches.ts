import {
  EMPTY,
  type Observable,
  bufferCount,
  concatMap,
  defer,
  isObservable,
  mergeMap,
  of,
  reduce,
  throwError,
} from 'rxjs';
import type { ObjectErrorList } from '../api/models/objects';
import { DeleteObjectsError } from '../errors/clientErrors';
import type { CommonPrefix, ObjectInfo } from '../models/models';
import { batchPuller } from '../operators/batchPuller';
import { mergePulled } from '../operators/mergePulled';
import { isPullable } from '../operators/pullable';
import { pullerOf } from '../operators/pullerOf';
import type { StoredObject } from './StoredObject';
import { validatePath } from './validate';

/**
 * Something that names an object to delete: its path, its stats, or its handle. A listing's common
 * prefixes (with a delimiter) are accepted and skipped: they name no object.
 * @group Resources
 */
export type DeletablePath = string | ObjectInfo | CommonPrefix | StoredObject;

/**
 * What lakeFS accepts in one delete request.
 * @group Resources
 */
export const MAX_DELETE_BATCH = 1000;

type Failure = DeleteObjectsError['failures'][number];

function pathOf(item: DeletablePath): string {
  return validatePath(typeof item === 'string' ? item : item.path);
}

/**
 * Where `Branch.deleteObjects` (through `deleteInBatches`) takes its paths from.
 * @group Resources
 */
export type DeletablePaths =
  Iterable<DeletablePath> | AsyncIterable<DeletablePath> | Observable<DeletablePath>;

/**
 * Deletes `paths` with one request per `size` paths, `workers` requests at a time, and gathers the
 * per-path failures the server reports into one `DeleteObjectsError` raised after every batch was sent.
 * Iterables, async iterables and listings (`branch.objects()`) are pulled: a batch is drawn only when a
 * worker is free, so at most `workers` batches and one page are held, however long the listing. Any other
 * Observable cannot be pulled: what it pushes ahead of the requests is buffered.
 * @param paths - the paths (or stats, or handles)
 * @param send - sends one batch
 * @param size - paths per request @default 1000
 * @param workers - requests at once @default 1
 * @returns `undefined` once, when all paths are gone
 */
export function deleteInBatches(
  paths: DeletablePaths,
  send: (batch: string[]) => Observable<ObjectErrorList>,
  size = MAX_DELETE_BATCH,
  workers = 1,
): Observable<void> {
  const sendBatch = (batch: readonly DeletablePath[]): Observable<ObjectErrorList> =>
    defer(() => {
      const objects = batch.filter(
        (item) => typeof item === 'string' || !('type' in item) || item.type !== 'common_prefix',
      );
      return objects.length === 0 ? EMPTY : send(objects.map(pathOf));
    });
  const results$ =
    isObservable(paths) && !isPullable(paths)
      ? paths.pipe(bufferCount(size), concatMap(sendBatch))
      : mergePulled(() => batchPuller(pullerOf(paths, size), size), sendBatch, workers);
  return results$.pipe(
    reduce((failures: Failure[], result) => {
      for (const e of result.errors)
        failures.push({ path: e.path ?? '', statusCode: e.status_code, message: e.message });
      return failures;
    }, []),
    mergeMap((failures) =>
      failures.length ? throwError(() => new DeleteObjectsError(failures)) : of(undefined),
    ),
  );
}
