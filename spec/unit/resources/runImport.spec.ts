import { TestScheduler } from 'rxjs/testing';
import { type Observable, take } from 'rxjs';
import { ImportManagerError, type ImportStatus, NotFoundError, TimeoutError } from '../../../src';
import { type ImportOperations, runImport } from '../../../src/resources/runImport';
import { done, failed, tick } from './importStatuses';

type Cold = <T>(marbles: string, values?: Record<string, T>, error?: unknown) => Observable<T>;

/** Server calls answering from scripts, counting each subscription. */
function fakeServer(cold: Cold, script: { start?: string; statuses: readonly (ImportStatus | Error)[] }) {
  const counts = { start: 0, status: 0, cancel: [] as string[] };
  const ops: ImportOperations = {
    start: () => {
      counts.start += 1;
      return cold(script.start ?? '-i|', { i: 'imp-1' });
    },
    status: () => {
      const answer = script.statuses[Math.min(counts.status++, script.statuses.length - 1)];
      return answer instanceof Error
        ? cold<ImportStatus>('-#', undefined, answer)
        : cold<ImportStatus>('-s|', { s: answer as ImportStatus });
    },
    cancel: (id) => {
      counts.cancel.push(id);
      return cold<void>('-(x|)', { x: undefined });
    },
  };
  return { ops, counts };
}

describe('runImport', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('starts, emits distinct ticks until completed, and never cancels a finished import', () => {
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const server = fakeServer(cold, { statuses: [tick(1), tick(1), tick(2), done(3)] });
      counts = server.counts;
      // the start completes at 2, statuses answer at 3, 8, 13, 18
      expectObservable(runImport(server.ops, { pollIntervalMs: 3 }, scheduler)).toBe('---a 9ms b 4ms (c|)', {
        a: tick(1),
        b: tick(2),
        c: done(3),
      });
    });
    expect(counts?.start).toBe(1);
    expect(counts?.cancel).toEqual([]);
  });

  it('cancels the import exactly once when unsubscribed before completion', () => {
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const server = fakeServer(cold, { statuses: [tick(1), tick(2), tick(3), done(4)] });
      counts = server.counts;
      expectObservable(runImport(server.ops, { pollIntervalMs: 3 }, scheduler), '^ 9ms !').toBe(
        '---a 4ms b',
        {
          a: tick(1),
          b: tick(2),
        },
      );
    });
    expect(counts?.cancel).toEqual(['imp-1']);
    expect(counts?.status).toBe(2);
  });

  it('cancels once the start answers when unsubscribed while the start is in flight', () => {
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const server = fakeServer(cold, { start: '----i|', statuses: [done(1)] });
      counts = server.counts;
      expectObservable(runImport(server.ops, {}, scheduler), '^-!').toBe('--');
    });
    expect(counts?.cancel).toEqual(['imp-1']);
    expect(counts?.status).toBe(0);
  });

  it('cancels once when a consumer takes only the first tick', () => {
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const server = fakeServer(cold, { statuses: [tick(1), done(2)] });
      counts = server.counts;
      expectObservable(runImport(server.ops, { pollIntervalMs: 3 }, scheduler).pipe(take(1))).toBe(
        '---(a|)',
        {
          a: tick(1),
        },
      );
    });
    expect(counts?.cancel).toEqual(['imp-1']);
  });

  it('fails with ImportManagerError on an error status and does not cancel', () => {
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const server = fakeServer(cold, { statuses: [tick(1), failed(2, 'local walk: forbidden')] });
      counts = server.counts;
      expectObservable(runImport(server.ops, { pollIntervalMs: 3 }, scheduler)).toBe(
        '---a 4ms #',
        { a: tick(1) },
        new ImportManagerError('import imp-1 failed: local walk: forbidden', 'imp-1'),
      );
    });
    expect(counts?.cancel).toEqual([]);
  });

  it('fails with ImportManagerError carrying the cause when the start fails', () => {
    const refused = new Error('403 import is not supported for this storage');
    let caught: unknown;
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold }) => {
      const server = fakeServer(cold, { statuses: [done(1)] });
      counts = server.counts;
      server.ops.start = () => cold<string>('-#', undefined, refused);
      runImport(server.ops, {}, scheduler).subscribe({ error: (e: unknown) => (caught = e) });
    });
    expect(caught).toBeInstanceOf(ImportManagerError);
    expect((caught as Error).cause).toBe(refused);
    expect(counts?.cancel).toEqual([]);
  });

  it('retries a 404 right after the start', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const notFound = new NotFoundError({ status: 404, method: 'GET', path: '/import' });
      const server = fakeServer(cold, { statuses: [notFound, done(1)] });
      // 404 at 3, retried 100 frames later, answered at 104
      expectObservable(runImport(server.ops, {}, scheduler)).toBe('104ms (c|)', { c: done(1) });
    });
  });

  it('fails on a stall and cancels the stalled import once', () => {
    let caught: unknown;
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold }) => {
      const server = fakeServer(cold, { statuses: [tick(1)] });
      counts = server.counts;
      runImport(server.ops, { pollIntervalMs: 3, stallTimeoutMs: 15 }, scheduler).subscribe({
        error: (e: unknown) => (caught = e),
      });
    });
    expect(caught).toBeInstanceOf(ImportManagerError);
    expect((caught as Error).cause).toBeInstanceOf(TimeoutError);
    expect(counts?.cancel).toEqual(['imp-1']);
  });

  it('does nothing before subscription and starts one import per subscription', () => {
    let counts: ReturnType<typeof fakeServer>['counts'] | undefined;
    scheduler.run(({ cold }) => {
      const server = fakeServer(cold, { statuses: [done(1)] });
      counts = server.counts;
      const run = runImport(server.ops, {}, scheduler);
      expect(counts.start).toBe(0);
      run.subscribe();
      run.subscribe();
    });
    expect(counts?.start).toBe(2);
  });
});
