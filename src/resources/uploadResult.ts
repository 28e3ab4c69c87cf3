import { type OperatorFunction, map } from 'rxjs';
import type { ObjectStats } from '../api/models/objects';
import type { UploadEvent } from '../io/TransferEvent';
import { toObjectInfo } from '../models/fromWire';
import type { ObjectInfo } from '../models/models';

/** The end of every upload path: the stored stats as `ObjectInfo`, or `{ type: 'done', object }` with progress. */
export function uploadResult(
  reportProgress: boolean | undefined,
): OperatorFunction<ObjectStats, ObjectInfo | UploadEvent> {
  return map((stats): ObjectInfo | UploadEvent => {
    const object = toObjectInfo(stats);
    return reportProgress ? { type: 'done', object } : object;
  });
}
