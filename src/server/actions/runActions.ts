import { newPullRequestId } from '../pulls/pullRequests';
import type { RepositoryRecord } from '../store/types';
import { type ActionRunRecord, type HookRunRecord, actionRunsOf } from './actionRuns';
import type { ActionDefinition, WebhookHook } from './loadActions';

/** What an event tells its hooks (the body of the webhook request). */
export interface HookEvent {
  readonly eventType: string;
  readonly repositoryId: string;
  readonly branchId: string;
  readonly sourceRef: string;
  readonly commitMessage?: string;
  readonly committer?: string;
  readonly commitId?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

async function callWebhook(
  hook: WebhookHook,
  payload: unknown,
): Promise<{ ok: boolean; output: string; error?: string }> {
  let url: URL;
  try {
    url = new URL(hook.url);
  } catch {
    return { ok: false, output: '', error: `invalid webhook url ${hook.url}` };
  }
  // the local server only calls back to this machine
  if (!LOOPBACK.has(url.hostname))
    return { ok: false, output: '', error: 'webhook url must be a loopback address' };
  const body = JSON.stringify(payload);
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(hook.timeoutMs),
    });
    const text = await response.text();
    const output = `Request:\nPOST ${url.href}\nRequest Body:\n${body}\n\nRequest duration: ${Date.now() - started}ms\n\nResponse:\nHTTP ${response.status}\n${text}\n`;
    if (response.status >= 200 && response.status < 300) return { ok: true, output };
    const error = `action failed: webhook request failed (status code: ${response.status})`;
    return { ok: false, output: `${output}\nError: ${error}\n`, error };
  } catch (e) {
    const error = `action failed: webhook request failed: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, output: `Request:\nPOST ${url.href}\n\nError: ${error}\n`, error };
  }
}

const pad = (n: number): string => String(n).padStart(4, '0');

/**
 * Runs the hooks of `actions` for `event` one after the other, recording the run and each hook's output.
 * @returns the run and, when a hook failed, lakeFS's error text naming each failure
 */
export async function runActions(
  repo: RepositoryRecord,
  actions: readonly ActionDefinition[],
  event: HookEvent,
): Promise<{ run: ActionRunRecord; failures: string[] }> {
  const now = (): string => new Date().toISOString();
  const run: ActionRunRecord = {
    runId: newPullRequestId(),
    branch: event.branchId,
    commitId: event.commitId ?? '',
    eventType: event.eventType,
    startTime: now(),
    status: 'running',
    hooks: [],
  };
  actionRunsOf(repo).set(run.runId, run);
  const failures: string[] = [];
  for (const [a, action] of actions.entries())
    for (const [h, hook] of action.hooks.entries()) {
      const record: HookRunRecord = {
        hookRunId: `${pad(a)}_${pad(h)}`,
        action: action.name,
        hookId: hook.id,
        startTime: now(),
        status: 'running',
        output: '',
      };
      run.hooks.push(record);
      const payload = {
        event_type: event.eventType,
        event_time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        action_name: action.name,
        hook_id: hook.id,
        repository_id: event.repositoryId,
        branch_id: event.branchId,
        source_ref: event.sourceRef,
        ...(event.commitId ? { commit_id: event.commitId } : {}),
        ...(event.commitMessage !== undefined ? { commit_message: event.commitMessage } : {}),
        ...(event.committer ? { committer: event.committer } : {}),
      };
      const result =
        'url' in hook
          ? await callWebhook(hook, payload)
          : {
              ok: false,
              output: '',
              error: `hook type ${hook.unsupported} is not supported by the local server`,
            };
      record.output = result.output || `${result.error ?? ''}\n`;
      record.status = result.ok ? 'completed' : 'failed';
      record.endTime = now();
      if (!result.ok)
        failures.push(
          `hook run id '${record.hookRunId}' failed on action '${action.name}' hook '${hook.id}': ${result.error}`,
        );
    }
  run.status = failures.length > 0 ? 'failed' : 'completed';
  run.endTime = now();
  return { run, failures };
}

/** lakeFS's message for a pre-hook that failed. */
export function hookAbortedMessage(eventType: string, runId: string, failures: readonly string[]): string {
  const n = failures.length;
  return `${eventType} hook aborted, run id '${runId}': ${n} error${n === 1 ? '' : 's'} occurred:\n${failures.map((f) => `\t* ${f}`).join('\n')}\n\n`;
}
