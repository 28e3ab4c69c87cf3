import { TestScheduler } from 'rxjs/testing';
import { defer, throwError } from 'rxjs';
import { retryWithBackoff } from '../../../src/operators/retryWithBackoff';
import { retryPolicyFrom } from '../../../src/http/retryPolicy';
import { BadRequestError, InternalServerError, NetworkError, ServerError, TimeoutError } from '../../../src';

const unavailable = (retryAfterMs?: number): ServerError =>
  new InternalServerError({
    status: 503,
    method: 'GET',
    path: '/x',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

describe('retryWithBackoff', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('waits a full-jitter exponential delay between attempts', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      // random() = 0.5: waits 0.5 × 100, then 0.5 × 200
      const policy = retryPolicyFrom({ maxAttempts: 3, baseDelayMs: 100, random: () => 0.5 });
      const source = cold('-#', undefined, unavailable());
      expectObservable(source.pipe(retryWithBackoff(policy, scheduler))).toBe(
        '- 50ms - 100ms -#',
        undefined,
        unavailable(),
      );
      expectSubscriptions(source.subscriptions).toBe(['^!', '- 50ms ^!', '- 50ms - 100ms ^!']);
    });
  });

  it('caps each delay at maxDelayMs', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const policy = retryPolicyFrom({
        maxAttempts: 3,
        baseDelayMs: 1000,
        maxDelayMs: 300,
        random: () => 0.999,
      });
      const source = cold('-#', undefined, unavailable());
      expectObservable(source.pipe(retryWithBackoff(policy, scheduler))).toBe(
        '- 299ms - 299ms -#',
        undefined,
        unavailable(),
      );
    });
  });

  it('honours Retry-After instead of the backoff', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const policy = retryPolicyFrom({ maxAttempts: 2, baseDelayMs: 10, random: () => 0 });
      const source = cold('-#', undefined, unavailable(2000));
      expectObservable(source.pipe(retryWithBackoff(policy, scheduler))).toBe(
        '- 2000ms -#',
        undefined,
        unavailable(2000),
      );
    });
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const policy = retryPolicyFrom({ maxAttempts: 5, maxRetryAfterMs: 1000 });
      const source = cold('-#', undefined, unavailable(5000));
      expectObservable(source.pipe(retryWithBackoff(policy, scheduler))).toBe(
        '-#',
        undefined,
        unavailable(5000),
      );
    });
  });

  it('succeeds on a later attempt and completes', () => {
    scheduler.run(({ expectObservable }) => {
      let attempt = 0;
      const source = defer(() =>
        ++attempt < 3 ? throwError(() => unavailable()) : scheduler.createColdObservable('-a|'),
      );
      const policy = retryPolicyFrom({ maxAttempts: 4, baseDelayMs: 10, random: () => 1 - Number.EPSILON });
      expectObservable(source.pipe(retryWithBackoff(policy, scheduler))).toBe('9ms 19ms -a|');
    });
  });

  it('does not retry errors outside the policy (400) and stops at the attempt cap', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const bad = new BadRequestError({ status: 400, method: 'GET', path: '/x' });
      const source = cold('-#', undefined, bad);
      expectObservable(source.pipe(retryWithBackoff(retryPolicyFrom(5), scheduler))).toBe(
        '-#',
        undefined,
        bad,
      );
      expectSubscriptions(source.subscriptions).toBe(['^!']);
    });
  });

  it('retries network errors, also after the headers, and timeouts (the transport guards streams)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const midBody = new NetworkError('GET', '/x', new Error('reset'), false);
      const timeout = new TimeoutError('response', 50, 'GET /x');
      const policy = retryPolicyFrom({ maxAttempts: 3, baseDelayMs: 10, random: () => 0 });
      const first = cold('-#', undefined, midBody);
      expectObservable(first.pipe(retryWithBackoff(policy, scheduler))).toBe('---#', undefined, midBody);
      expectSubscriptions(first.subscriptions).toBe(['^!', '-^!', '--^!']);
      const second = cold('-#', undefined, timeout);
      expectObservable(second.pipe(retryWithBackoff(policy, scheduler))).toBe('---#', undefined, timeout);
    });
  });

  it('takes any policy that says when to retry (it knows nothing of lakeFS errors)', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-#', undefined, 'again');
      const policy = { maxAttempts: 2, delayBeforeRetry: (e: unknown) => (e === 'again' ? 5 : undefined) };
      expectObservable(source.pipe(retryWithBackoff(policy, scheduler))).toBe('- 5ms -#', undefined, 'again');
    });
  });
});
