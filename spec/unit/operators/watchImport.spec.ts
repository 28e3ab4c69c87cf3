import { TestScheduler } from 'rxjs/testing';
import type { Observable } from 'rxjs';
import { Branch, type ImportStatus } from '../../../src';
import type * as wire from '../../../src/api/models';
import type { ClientContext } from '../../../src/resources/ClientContext';
import { done, tick } from '../resources/importStatuses';

const toWire = (s: ImportStatus): wire.ImportStatus => ({
  completed: s.completed,
  update_time: s.updateTime.toISOString(),
  ingested_objects: s.ingestedObjects,
});

describe('Branch.watchImport (shared poll loop)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  /** A branch whose client answers status requests from `answers`; cancel must never be called. */
  function branchAnswering(
    cold: (marbles: string, values?: Record<string, wire.ImportStatus>) => Observable<wire.ImportStatus>,
    answers: readonly ImportStatus[],
  ) {
    const calls = { status: 0, cancel: 0 };
    const api = {
      importStatus: () => cold('-s|', { s: toWire(answers[Math.min(calls.status++, answers.length - 1)]!) }),
      importCancel: () => {
        calls.cancel += 1;
        throw new Error('watchImport must never cancel');
      },
    };
    const ctx = { api, scheduler } as unknown as ClientContext;
    return { branch: new Branch(ctx, 'repo-one', 'main'), calls };
  }

  it('makes one request per interval for two subscribers, both seeing every tick', () => {
    let calls = { status: 0, cancel: 0 };
    scheduler.run(({ cold, expectObservable }) => {
      const fake = branchAnswering(cold, [tick(1), tick(2), done(3)]);
      calls = fake.calls;
      const watch = fake.branch.watchImport('imp-1', { pollIntervalMs: 3 });
      const expected = '-a 4ms b 4ms (c|)';
      const values = { a: tick(1), b: tick(2), c: done(3) };
      expectObservable(watch).toBe(expected, values);
      expectObservable(watch).toBe(expected, values);
    });
    expect(calls.status).toBe(3);
  });

  it('shares one loop between separate watchImport() calls for the same import', () => {
    let calls = { status: 0, cancel: 0 };
    scheduler.run(({ cold, expectObservable }) => {
      const fake = branchAnswering(cold, [tick(1), done(2)]);
      calls = fake.calls;
      expectObservable(fake.branch.watchImport('imp-1', { pollIntervalMs: 3 })).toBe('-a 4ms (c|)', {
        a: tick(1),
        c: done(2),
      });
      expectObservable(fake.branch.watchImport('imp-1', { pollIntervalMs: 3 })).toBe('-a 4ms (c|)', {
        a: tick(1),
        c: done(2),
      });
    });
    expect(calls.status).toBe(2);
  });

  it('gives a late subscriber the latest tick at once', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const fake = branchAnswering(cold, [tick(1), tick(2), done(3)]);
      const watch = fake.branch.watchImport('imp-1', { pollIntervalMs: 3 });
      expectObservable(watch).toBe('-a 4ms b 4ms (c|)', { a: tick(1), b: tick(2), c: done(3) });
      expectObservable(watch, '---^').toBe('---a 2ms b 4ms (c|)', { a: tick(1), b: tick(2), c: done(3) });
    });
  });

  it('keeps polling while one subscriber remains, stops after the last leaves, and never cancels', () => {
    let calls = { status: 0, cancel: 0 };
    scheduler.run(({ cold, expectObservable }) => {
      const fake = branchAnswering(cold, [tick(1), tick(2), tick(3), tick(4), done(5)]);
      calls = fake.calls;
      const watch = fake.branch.watchImport('imp-1', { pollIntervalMs: 3 });
      expectObservable(watch, '^ 2ms !').toBe('-a', { a: tick(1) });
      expectObservable(watch, '^ 7ms !').toBe('-a 4ms b', { a: tick(1), b: tick(2) });
    });
    expect(calls.status).toBe(2);
    expect(calls.cancel).toBe(0);
  });
});
