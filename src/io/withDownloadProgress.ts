import { type Observable, concat, defer, map, of } from 'rxjs';
import type { DownloadEvent } from './TransferEvent';

/**
 * Turns a chunk stream into download events: one `progress` event per chunk (carrying it), then `done`.
 * @param chunks$ - the body's chunks
 * @param total - reads the full size once it is known (e.g. from `Content-Length`)
 * @returns the events
 */
export function withDownloadProgress(
  chunks$: Observable<Uint8Array>,
  total: () => number | undefined,
): Observable<DownloadEvent> {
  return defer(() => {
    let loaded = 0;
    return concat(
      chunks$.pipe(
        map((chunk): DownloadEvent => {
          loaded += chunk.byteLength;
          const size = total();
          return { type: 'progress', loaded, ...(size !== undefined ? { total: size } : {}), chunk };
        }),
      ),
      defer(() => of<DownloadEvent>({ type: 'done', loaded })),
    );
  });
}
