import {
  EMPTY,
  type Observable,
  bufferCount,
  concat,
  concatMap,
  defer,
  isObservable,
  map,
  mergeMap,
  of,
  reduce,
  throwError,
} from 'rxjs';
import type { ObjectErrorList } from '../api/models/objects';
import { DeleteObjectsError } from '../errors/clientErrors';
import type { ObjectInfo } from '../models/models';
import type { StoredObject } from './StoredObject';
import { validatePath } from './validate';

/** Something that names an object to delete: its path, its stats, or its handle. */
export type DeletablePath = string | ObjectInfo | StoredObject;

/** What lakeFS accepts in one delete request. */
export const MAX_DELETE_BATCH = 1000;

type Failure = DeleteObjectsError['failures'][number];

function pathOf(item: DeletablePath): string {
  return validatePath(typeof item === 'string' ? item : item.path);
}

/**
 * Pulls batches from an iterable one request at a time, so a huge (or endless, lazily generated)
 * iterable is never walked ahead of the requests.
 */
function pullBatches<R>(
  items: Iterable<DeletablePath>,
  size: number,
  send: (batch: string[]) => Observable<R>,
): Observable<R> {
  return defer(() => {
    const iterator = items[Symbol.iterator]();
    const nextBatch = (): string[] => {
      const batch: string[] = [];
      while (batch.length < size) {
        const step = iterator.next();
        if (step.done) break;
        batch.push(pathOf(step.value));
      }
      return batch;
    };
    const step = (): Observable<R> => {
      const batch = nextBatch();
      return batch.length === 0 ? EMPTY : concat(send(batch), defer(step));
    };
    return step();
  });
}

/**
 * Deletes `paths` with one request per `size` paths, in order, and gathers the per-path failures the
 * server reports into one `DeleteObjectsError` raised after every batch was sent.
 * @param paths - the paths (or stats, or handles); an Observable is buffered into batches as it emits
 * @param send - sends one batch
 * @param size - paths per request @default 1000
 * @returns `undefined` once, when all paths are gone
 */
export function deleteInBatches(
  paths: Iterable<DeletablePath> | Observable<DeletablePath>,
  send: (batch: string[]) => Observable<ObjectErrorList>,
  size = MAX_DELETE_BATCH,
): Observable<void> {
  const results$ = isObservable(paths)
    ? paths.pipe(
        map(pathOf),
        bufferCount(size),
        concatMap((batch) => send(batch)),
      )
    : pullBatches(paths, size, send);
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
