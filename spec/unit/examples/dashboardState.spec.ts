import type { ImportStatus } from '../../../src';
import { IDLE, cancelledFrom, formatClock, stateOf } from '../../../examples/browser/dashboardState';

const tick = (ingestedObjects: number, completed = false): ImportStatus => ({
  completed,
  ingestedObjects,
  updateTime: new Date(0),
});

describe('the dashboard state', () => {
  it('with a known total: percent (never 100 before the commit), rate and ETA', () => {
    expect(stateOf(tick(500), 2000, 2000)).toMatchObject({
      phase: 'importing',
      percent: 25,
      rate: 250,
      etaMs: 6000,
    });
    expect(stateOf(tick(2000), 2000, 4000).percent).toBe(99);
  });

  it('with an unknown total: no percent (an indeterminate bar) and no ETA, but the rate', () => {
    const state = stateOf(tick(1536), undefined, 3000);
    expect(state.percent).toBeUndefined();
    expect(state.etaMs).toBeUndefined();
    expect(state.rate).toBe(512);
  });

  it('keeps the counts after a cancel', () => {
    const cancelled = cancelledFrom(stateOf(tick(700), 1000, 1000));
    expect(cancelled).toMatchObject({
      phase: 'cancelled',
      ingested: 700,
      percent: 70,
      message: 'cancelled after 700 objects',
    });
    expect(cancelled.etaMs).toBeUndefined();
    expect(cancelledFrom(IDLE).ingested).toBe(0);
  });

  it('formats clocks', () => {
    expect([formatClock(0), formatClock(61_000), formatClock(3_725_000)]).toEqual([
      '0:00',
      '1:01',
      '1:02:05',
    ]);
  });
});
