import { TestScheduler } from 'rxjs/testing';
import type { Observable } from 'rxjs';
import { pollUntilDone } from '../../../src/operators/pollUntilDone';

describe('pollUntilDone', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('polls at once, then waits the interval after each answer', () => {
    scheduler.run(({ cold, expectObservable }) => {
      let round = 0;
      const answers = ['a', 'b', 'c'];
      const result = pollUntilDone(() => cold('-x|', { x: answers[round++] }), {
        isDone: (v) => v === 'c',
        intervalMs: 4,
        scheduler,
      });
      expectObservable(result).toBe('-a 5ms b 5ms (c|)');
    });
  });

  it('emits the done value and stops polling', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const polls: Observable<number>[] = [];
      const result = pollUntilDone(
        () => {
          const poll = cold('-x|', { x: polls.length });
          polls.push(poll);
          return poll;
        },
        { isDone: (v) => v === 1, intervalMs: 2, scheduler },
      );
      expectObservable(result).toBe('-a 3ms (b|)', { a: 0, b: 1 });
      scheduler.flush();
      expect(polls).toHaveLength(2);
    });
  });

  it('fails with the error of a poll', () => {
    scheduler.run(({ cold, expectObservable }) => {
      let round = 0;
      const result = pollUntilDone(
        () => (round++ === 0 ? cold('-a|') : cold('--#', undefined, new Error('down'))),
        {
          isDone: () => false,
          intervalMs: 3,
          scheduler,
        },
      );
      expectObservable(result).toBe('-a 3ms --#', undefined, new Error('down'));
    });
  });

  it('stops polling when unsubscribed', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const poll = cold('-a|');
      const result = pollUntilDone(() => poll, { isDone: () => false, intervalMs: 3, scheduler });
      expectObservable(result, '^ 6ms !').toBe('-a 3ms -a');
      expectSubscriptions(poll.subscriptions).toBe(['^-!', '-----^-!']);
    });
  });

  it('makes no request before subscription', () => {
    let calls = 0;
    pollUntilDone(
      () => {
        calls += 1;
        return [1];
      },
      { isDone: () => true },
    );
    expect(calls).toBe(0);
  });
});
