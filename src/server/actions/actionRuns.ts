import type { RepositoryRecord } from '../store/types';

/** One hook's run inside an action run. */
export interface HookRunRecord {
  readonly hookRunId: string;
  readonly action: string;
  readonly hookId: string;
  readonly startTime: string;
  endTime?: string;
  status: 'completed' | 'failed' | 'running';
  output: string;
}

/** One run of the actions an event triggered. */
export interface ActionRunRecord {
  readonly runId: string;
  readonly branch: string;
  commitId: string;
  readonly eventType: string;
  readonly startTime: string;
  endTime?: string;
  status: 'completed' | 'failed' | 'running';
  readonly hooks: HookRunRecord[];
}

const byRepository = new WeakMap<RepositoryRecord, Map<string, ActionRunRecord>>();

/** The action runs of `repo` by run id (ids sort by start). */
export function actionRunsOf(repo: RepositoryRecord): Map<string, ActionRunRecord> {
  let runs = byRepository.get(repo);
  if (!runs) {
    runs = new Map();
    byRepository.set(repo, runs);
  }
  return runs;
}
