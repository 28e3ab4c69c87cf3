import { EventEmitter } from 'node:events';
import { NEVER, Observable, of, throwError } from 'rxjs';
import { InterruptedError } from '../../../src/cli/output/formatError';
import { runObservable } from '../../../src/cli/output/runObservable';

/** A stand-in for `process` that delivers signals on demand. */
function signals(): EventEmitter & { send(signal: NodeJS.Signals): void } {
  const emitter = new EventEmitter() as EventEmitter & { send(signal: NodeJS.Signals): void };
  emitter.send = (signal) => emitter.emit(signal);
  return emitter;
}

describe('runObservable', () => {
  it('hands every value over and resolves on completion, removing its signal listeners', async () => {
    const source = signals();
    const seen: number[] = [];
    await runObservable(of(1, 2, 3), (v) => seen.push(v), source);
    expect(seen).toEqual([1, 2, 3]);
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });

  it('rejects with the very error the Observable failed with', async () => {
    const failure = new RangeError('boom');
    await expect(
      runObservable(
        throwError(() => failure),
        undefined,
        signals(),
      ),
    ).rejects.toBe(failure);
  });

  it('unsubscribes on SIGINT (which aborts the work) and rejects with InterruptedError', async () => {
    const source = signals();
    let tornDown = false;
    const work = new Observable<never>(() => () => {
      tornDown = true;
    });
    const running = runObservable(work, undefined, source);
    source.send('SIGINT');
    await expect(running).rejects.toEqual(new InterruptedError('SIGINT'));
    expect(tornDown).toBe(true);
    expect(source.listenerCount('SIGTERM')).toBe(0);
  });

  it('treats SIGTERM the same way', async () => {
    const source = signals();
    const running = runObservable(NEVER, undefined, source);
    source.send('SIGTERM');
    await expect(running).rejects.toBeInstanceOf(InterruptedError);
  });
});
