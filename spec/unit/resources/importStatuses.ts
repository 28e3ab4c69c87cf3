import type { ImportStatus } from '../../../src';

/** A status `n` seconds after the epoch with `n × 100` objects ingested. */
export function tick(n: number, extra: Partial<ImportStatus> = {}): ImportStatus {
  return { completed: false, updateTime: new Date(n * 1000), ingestedObjects: n * 100, ...extra };
}

/** The completed status at `n`. */
export const done = (n: number): ImportStatus => tick(n, { completed: true });

/** A failed status at `n`. */
export const failed = (n: number, error: string): ImportStatus => tick(n, { error });
