import {
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
  Observable,
  asyncScheduler,
} from 'rxjs';

/**
 * Fails with `onIdle()` when the source goes `idleMs` without emitting (counted from subscription, then
 * from each value). Unlike rxjs `timeout({ each })`, which replaces its timer on every value, this keeps
 * one timer and, when it fires early, re-arms it for the time left: a download emits a value per network
 * chunk, and a timer per chunk was a measurable share of the client's CPU per MB (BENCHMARKS.md §3).
 * @param idleMs - the longest silence allowed, > 0
 * @param onIdle - the error to fail with
 * @param scheduler - where time is read and the timer runs (a TestScheduler in marble tests)
 * @example
 * chunks$.pipe(idleTimeout(60_000, () => new TimeoutError('idle-body', 60_000, what)))
 */
export function idleTimeout<T>(
  idleMs: number,
  onIdle: () => unknown,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let lastActivity = scheduler.now();
      let timer: Subscription | undefined;
      const check = (): void => {
        const left = lastActivity + idleMs - scheduler.now();
        if (left > 0) timer = scheduler.schedule(check, left);
        else subscriber.error(onIdle());
      };
      timer = scheduler.schedule(check, idleMs);
      const subscription = source.subscribe({
        next: (value) => {
          lastActivity = scheduler.now();
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
