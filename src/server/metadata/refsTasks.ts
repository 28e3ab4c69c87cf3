import { randomBytes } from 'node:crypto';
import type { ServerState } from '../store/ServerState';
import type { RefsDumpIds } from './refsDump';

/** An asynchronous dump or restore (lakeFS's `dumpSubmit` / `restoreSubmit` tasks). */
export interface RefsTask {
  readonly id: string;
  readonly kind: 'dump' | 'restore';
  readonly repositoryId: string;
  done: boolean;
  updateTime: Date;
  error?: string;
  refs?: RefsDumpIds;
}

/** Finished tasks kept for their status (the oldest are forgotten beyond this). */
const KEPT_TASKS = 1000;

const byServer = new WeakMap<ServerState, Map<string, RefsTask>>();

/** The dump and restore tasks of a server, by id. */
function tasksOf(state: ServerState): Map<string, RefsTask> {
  let found = byServer.get(state);
  if (!found) {
    found = new Map();
    byServer.set(state, found);
  }
  return found;
}

/**
 * Starts a task: `work` runs after the answer went out; its result or error lands in the task's status.
 * @returns the task, not yet done
 */
export function submitTask(
  state: ServerState,
  kind: RefsTask['kind'],
  repositoryId: string,
  work: () => Promise<RefsDumpIds | void>,
): RefsTask {
  const tasks = tasksOf(state);
  // lakeFS's ids: a two-letter kind prefix and a random tail
  const task: RefsTask = {
    id: `${kind === 'dump' ? 'DR' : 'RR'}${randomBytes(15).toString('base64url')}`,
    kind,
    repositoryId,
    done: false,
    updateTime: new Date(),
  };
  tasks.set(task.id, task);
  for (const old of tasks.keys()) {
    if (tasks.size <= KEPT_TASKS) break;
    if (tasks.get(old)?.done) tasks.delete(old);
  }
  setImmediate(() => {
    work()
      .then(
        (refs) => {
          if (refs) task.refs = refs;
        },
        (error: unknown) => {
          task.error = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        task.done = true;
        task.updateTime = new Date();
      });
  });
  return task;
}

/**
 * A task of a kind in a repository.
 * @returns the task, or undefined (404 for the caller) when there is none
 */
export function findTask(
  state: ServerState,
  kind: RefsTask['kind'],
  repositoryId: string,
  id: string,
): RefsTask | undefined {
  const task = tasksOf(state).get(id);
  return task && task.kind === kind && task.repositoryId === repositoryId ? task : undefined;
}
