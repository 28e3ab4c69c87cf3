import { type MonoTypeOperatorFunction, type Observable, defer, finalize, tap } from 'rxjs';
import type { FileCount, ProgressDisplay } from './ProgressDisplay';

/**
 * Drives `display` from the values of the source and stops it when the source ends for any reason
 * (completion, error, or unsubscription on Ctrl+C).
 * @param display - the bar to drive
 * @param position - reads `loaded`, `total` and `files` from a value, or `undefined` for values that carry no progress
 * @returns an operator that passes values through unchanged
 */
export function withProgress<T>(
  display: ProgressDisplay,
  position: (value: T) => { loaded: number; total?: number; files?: FileCount } | undefined,
): MonoTypeOperatorFunction<T> {
  return (source: Observable<T>) =>
    defer(() =>
      source.pipe(
        tap((value) => {
          const at = position(value);
          if (at) display.update(at.loaded, at.total, at.files);
        }),
        finalize(() => display.stop()),
      ),
    );
}
