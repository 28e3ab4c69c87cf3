import type { EventEmitter } from 'node:events';
import type { SliceReporter } from './steps';

/** A long store operation's progress, emitted as `work` on the server's events. */
export interface StoreWorkEvent {
  readonly operation: 'commit' | 'merge' | 'import';
  readonly repository: string;
  readonly branch: string;
  /** `paused`: the operation has started and yields to other requests; `finished`: done or failed. */
  readonly phase: 'paused' | 'finished';
}

/** Where store operations report their progress (the server's event emitter). */
export type StoreWork = EventEmitter;

/**
 * A reporter that emits `work` events (the first pause and the end only, so a long commit stays cheap).
 * @returns the reporter, or undefined without an emitter
 */
export function workReporter(
  events: StoreWork | undefined,
  operation: StoreWorkEvent['operation'],
  repo: { readonly id: string },
  branch: { readonly id: string },
): SliceReporter | undefined {
  if (!events) return undefined;
  let paused = false;
  const emit = (phase: StoreWorkEvent['phase']): void => {
    const event: StoreWorkEvent = { operation, repository: repo.id, branch: branch.id, phase };
    events.emit('work', event);
  };
  return {
    paused: () => {
      if (paused) return;
      paused = true;
      emit('paused');
    },
    finished: () => emit('finished'),
  };
}
