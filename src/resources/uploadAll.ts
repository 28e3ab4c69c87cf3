import { type Observable, defer, isObservable, mergeMap } from 'rxjs';
import { ValidationError } from '../errors/clientErrors';
import type { UploadData } from '../io/UploadData';
import type { ObjectInfo } from '../models/models';
import { mergePulled } from '../operators/mergePulled';
import { isPullable } from '../operators/pullable';
import { pullerOf } from '../operators/pullerOf';
import type { Branch } from './Branch';
import type { UploadOptions } from './WriteableObject';

/**
 * Options of one upload in {@link uploadAll} (progress is per call to `upload()`, not offered here).
 * @group Resources
 */
export type UploadAllItemOptions = Omit<UploadOptions, 'reportProgress'>;

/**
 * One object for {@link uploadAll}.
 * @group Resources
 */
export interface UploadItem {
  /** Path on the branch. */
  readonly path: string;
  /**
   * The content, or a function that opens it when this upload starts, so that at most `concurrency`
   * sources (files, streams) are open at any time. Prefer the function for anything that holds resources.
   */
  readonly data: UploadData | (() => UploadData);
  /** This object's options, over the shared ones. @default {} */
  readonly options?: UploadAllItemOptions;
}

/**
 * Options of {@link uploadAll}.
 * @group Resources
 */
export interface UploadAllOptions extends UploadAllItemOptions {
  /** How many uploads run at once. @default 4 */
  readonly concurrency?: number;
}

/**
 * Uploads many objects to a branch, `concurrency` at a time: memory stays at about `concurrency` transfers
 * (each one streams), and items are drawn from an iterable, an async iterable or a listing only when a slot
 * frees, so a lazily generated list is never walked ahead (any other Observable pushes, and what it pushes
 * ahead of the uploads is buffered). Each upload goes direct or presigned as `upload()` decides. The first
 * failure stops the rest (in-flight uploads are aborted); for best-effort runs, catch per item instead:
 * `from(items).pipe(mergeMap(i => branch.object(i.path).upload(i.data).pipe(catchError(…)), 4))`.
 * @param branch - the destination branch
 * @param items - the objects, from an iterable, an async iterable or a listing (pulled), or an Observable
 * @param options - concurrency and the upload options shared by all items
 * @returns each stored object's stats, in completion order
 * @example
 * uploadAll(branch, files.map(f => ({ path: `raw/${f.name}`, data: () => openAsBlob(f.path) })), { concurrency: 8 })
 *   .subscribe(info => console.log('uploaded', info.path));
 * @group Resources
 */
export function uploadAll(
  branch: Branch,
  items: Iterable<UploadItem> | AsyncIterable<UploadItem> | Observable<UploadItem>,
  options: UploadAllOptions = {},
): Observable<ObjectInfo> {
  return defer(() => {
    const { concurrency = 4, ...shared } = options;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1)
      throw new ValidationError('concurrency', `${concurrency} is not a positive integer`);
    const one = (item: UploadItem): Observable<ObjectInfo> =>
      defer(() =>
        branch.object(item.path).upload(typeof item.data === 'function' ? item.data() : item.data, {
          ...shared,
          ...item.options,
          reportProgress: false,
        }),
      );
    return isObservable(items) && !isPullable(items)
      ? items.pipe(mergeMap(one, concurrency))
      : mergePulled(() => pullerOf(items), one, concurrency);
  });
}
