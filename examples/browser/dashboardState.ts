import type { ImportStatus } from '../../src';

/** Everything the dashboard shows; the page renders one of these after each event. */
export interface DashboardState {
  readonly phase: 'idle' | 'starting' | 'importing' | 'done' | 'cancelled' | 'error';
  /** 0–100; 100 only once the import has committed. */
  readonly percent: number;
  readonly ingested: number;
  readonly message: string;
  readonly commitId?: string;
}

/** The state before anything ran. */
export const IDLE: DashboardState = { phase: 'idle', percent: 0, ingested: 0, message: 'idle' };

/**
 * The state for one import status tick.
 * @param status - the tick
 * @param expected - how many objects the source holds, when known
 * @returns what the page shows
 */
export function stateOf(status: ImportStatus, expected: number | undefined): DashboardState {
  if (status.completed) {
    return {
      phase: 'done',
      percent: 100,
      ingested: status.ingestedObjects,
      message: `imported ${status.ingestedObjects} objects`,
      ...(status.commit ? { commitId: status.commit.id } : {}),
    };
  }
  // Never claim 100 % before the commit exists, however close the count is.
  const percent = expected ? Math.min(99, Math.floor((status.ingestedObjects / expected) * 100)) : 0;
  return { phase: 'importing', percent, ingested: status.ingestedObjects, message: 'importing…' };
}
