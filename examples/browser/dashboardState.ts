import type { ImportStatus } from '../../src';

/** Everything the dashboard shows; the page renders one of these after each event. */
export interface DashboardState {
  readonly phase: 'idle' | 'starting' | 'importing' | 'done' | 'cancelled' | 'error';
  /** 0–100 (100 only once the import has committed), or undefined when the total is unknown. */
  readonly percent?: number;
  readonly ingested: number;
  readonly message: string;
  readonly commitId?: string;
  /** Milliseconds since the import started. */
  readonly elapsedMs: number;
  /** Objects per second so far. */
  readonly rate: number;
  /** Milliseconds left at the current rate, when the total is known. */
  readonly etaMs?: number;
}

/** The state before anything ran. */
export const IDLE: DashboardState = {
  phase: 'idle',
  percent: 0,
  ingested: 0,
  message: 'idle',
  elapsedMs: 0,
  rate: 0,
};

/**
 * The state for one import status tick.
 * @param status - the tick
 * @param expected - how many objects the source holds, when known
 * @param elapsedMs - time since the import started
 * @returns what the page shows
 */
export function stateOf(
  status: ImportStatus,
  expected: number | undefined,
  elapsedMs: number,
): DashboardState {
  const ingested = status.ingestedObjects;
  const rate = elapsedMs > 0 ? (ingested * 1000) / elapsedMs : 0;
  if (status.completed) {
    return {
      phase: 'done',
      percent: 100,
      ingested,
      message: `imported ${ingested} objects`,
      elapsedMs,
      rate,
      etaMs: 0,
      ...(status.commit ? { commitId: status.commit.id } : {}),
    };
  }
  const base = { phase: 'importing', ingested, message: 'importing…', elapsedMs, rate } as const;
  if (!expected) return base;
  // Never claim 100 % before the commit exists, however close the count is.
  const percent = Math.min(99, Math.floor((ingested / expected) * 100));
  return {
    ...base,
    percent,
    ...(rate > 0 ? { etaMs: (Math.max(0, expected - ingested) / rate) * 1000 } : {}),
  };
}

/**
 * The state after a cancel: what was counted stays on the page.
 * @param last - the state shown when Cancel was clicked
 * @returns the cancelled state
 */
export function cancelledFrom(last: DashboardState): DashboardState {
  const { etaMs: _eta, ...kept } = last;
  return { ...kept, phase: 'cancelled', message: `cancelled after ${last.ingested} objects` };
}

/**
 * A duration for humans: `0:07`, `12:30`, `1:02:05`.
 * @param ms - milliseconds
 * @returns the text
 */
export function formatClock(ms: number): string {
  const whole = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
