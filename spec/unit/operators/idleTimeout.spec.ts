import { TestScheduler } from 'rxjs/testing';
import { idleTimeout } from '../../../src/operators/idleTimeout';

const stalled = new Error('stalled');

describe('idleTimeout', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('lets a source through that never pauses for the idle time', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('a 8ms b 8ms c 8ms |');
      expectObservable(source.pipe(idleTimeout(10, () => stalled, scheduler))).toBe('a 8ms b 8ms c 8ms |');
    });
  });

  it('fails when nothing arrives within the idle time of subscribing', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('- 20ms a');
      expectObservable(source.pipe(idleTimeout(10, () => stalled, scheduler))).toBe(
        '10ms #',
        undefined,
        stalled,
      );
      expectSubscriptions(source.subscriptions).toBe('^ 9ms !');
    });
  });

  it('counts the idle time from the last value, not from subscription', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('- 7ms a 7ms b 20ms c');
      expectObservable(source.pipe(idleTimeout(10, () => stalled, scheduler))).toBe(
        '- 7ms a 7ms b 9ms #',
        undefined,
        stalled,
      );
      expectSubscriptions(source.subscriptions).toBe('^ 25ms !');
    });
  });

  it('passes errors and completion through and stops its timer', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const failing = cold('a 3ms #', undefined, new Error('boom'));
      expectObservable(failing.pipe(idleTimeout(10, () => stalled, scheduler))).toBe(
        'a 3ms #',
        undefined,
        new Error('boom'),
      );
      expectObservable(cold('a|').pipe(idleTimeout(10, () => stalled, scheduler))).toBe('a|');
    });
  });
});
