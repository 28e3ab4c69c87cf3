import { TestScheduler } from 'rxjs/testing';
import type { Observable } from 'rxjs';
import { ImportManagerError, type ImportStatus, NotFoundError, TimeoutError } from '../../../src';
import { pollImportStatus } from '../../../src/resources/pollImportStatus';
import { done, failed, tick } from './importStatuses';

const notFound = new NotFoundError({
  status: 404,
  method: 'GET',
  path: '/import',
  serverMessage: 'not found',
});

describe('pollImportStatus', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  /** A status source answering with `answers` in turn, each after one frame. */
  function server(
    cold: (
      marbles: string,
      values?: Record<string, ImportStatus>,
      error?: unknown,
    ) => Observable<ImportStatus>,
    answers: readonly (ImportStatus | Error)[],
  ): { fetch: () => Observable<ImportStatus>; calls: () => number } {
    let calls = 0;
    return {
      fetch: () => {
        const answer = answers[Math.min(calls++, answers.length - 1)];
        return answer instanceof Error
          ? cold('-#', undefined, answer)
          : cold('-s|', { s: answer as ImportStatus });
      },
      calls: () => calls,
    };
  }

  it('emits each distinct tick and completes after the completed one', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const s = server(cold, [tick(1), tick(1), tick(2), done(3)]);
      const result = pollImportStatus(s.fetch, { importId: 'i1', pollIntervalMs: 3, scheduler });
      // answers at 1, 6, 11, 16 (one frame each, a three-frame pause after each completion)
      expectObservable(result).toBe('-a 9ms b 4ms (c|)', { a: tick(1), b: tick(2), c: done(3) });
    });
  });

  it('fails with ImportManagerError when the status carries an error, without emitting it', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const s = server(cold, [tick(1), failed(2, 'forbidden')]);
      const result = pollImportStatus(s.fetch, { importId: 'i1', pollIntervalMs: 3, scheduler });
      expectObservable(result).toBe(
        '-a 4ms #',
        { a: tick(1) },
        new ImportManagerError('import i1 failed: forbidden', 'i1'),
      );
    });
  });

  it('wraps a failed status request in ImportManagerError with the cause', () => {
    let caught: unknown;
    scheduler.run(({ cold }) => {
      const s = server(cold, [notFound]);
      pollImportStatus(s.fetch, { importId: 'i1', scheduler }).subscribe({
        error: (e: unknown) => (caught = e),
      });
    });
    expect(caught).toBeInstanceOf(ImportManagerError);
    expect((caught as ImportManagerError).importId).toBe('i1');
    expect((caught as Error).cause).toBe(notFound);
  });

  it('retries a 404 during the grace period', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const s = server(cold, [notFound, notFound, done(1)]);
      const result = pollImportStatus(s.fetch, {
        importId: 'i1',
        pollIntervalMs: 3,
        notFoundGraceMs: 1000,
        scheduler,
      });
      // 404 at 1, retry after 100 → 404 at 102, retry after 100 → answer at 203
      expectObservable(result).toBe('203ms (c|)', { c: done(1) });
    });
  });

  it('gives up on a 404 once the grace period is over', () => {
    let caught: unknown;
    scheduler.run(({ cold }) => {
      const s = server(cold, [notFound]);
      pollImportStatus(s.fetch, { importId: 'i1', notFoundGraceMs: 250, scheduler }).subscribe({
        error: (e: unknown) => (caught = e),
      });
    });
    expect((caught as Error).cause).toBe(notFound);
  });

  it('fails with a stall error when the status stops changing', () => {
    let caught: unknown;
    let at = -1;
    scheduler.run(({ cold }) => {
      const s = server(cold, [tick(1), tick(2), tick(2)]);
      pollImportStatus(s.fetch, {
        importId: 'i1',
        pollIntervalMs: 3,
        stallTimeoutMs: 20,
        scheduler,
      }).subscribe({
        error: (e: unknown) => {
          caught = e;
          at = scheduler.now();
        },
      });
    });
    // the last new tick arrives at frame 6; nothing new for 20 frames after it
    expect(at).toBe(26);
    expect(caught).toBeInstanceOf(ImportManagerError);
    const cause = (caught as Error).cause;
    expect(cause).toBeInstanceOf(TimeoutError);
    expect((cause as TimeoutError).phase).toBe('stall');
  });

  it('stops polling when unsubscribed', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const s = server(cold, [tick(1), tick(2), tick(3)]);
      const result = pollImportStatus(s.fetch, { importId: 'i1', pollIntervalMs: 3, scheduler });
      expectObservable(result, '^ 7ms !').toBe('-a 4ms b', { a: tick(1), b: tick(2) });
      scheduler.flush();
      expect(s.calls()).toBe(2);
    });
  });
});
