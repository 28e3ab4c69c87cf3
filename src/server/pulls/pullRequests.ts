import { randomBytes } from 'node:crypto';
import type { RepositoryRecord } from '../store/types';

/** A pull request as the local server keeps it. */
export interface PullRequestRecord {
  readonly id: string;
  title: string;
  description: string;
  status: 'open' | 'closed' | 'merged';
  readonly author: string;
  readonly sourceBranch: string;
  readonly destinationBranch: string;
  readonly creationDate: string;
  closedDate?: string;
  mergedCommitId?: string;
}

const byRepository = new WeakMap<RepositoryRecord, Map<string, PullRequestRecord>>();

/** The pull requests of `repo` by id (ids sort in creation order). */
export function pullRequestsOf(repo: RepositoryRecord): Map<string, PullRequestRecord> {
  let found = byRepository.get(repo);
  if (!found) {
    found = new Map();
    byRepository.set(repo, found);
  }
  return found;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
let sequence = 0;

/**
 * A new pull-request id in lakeFS's form: 20 base-32 characters that sort by creation time (seconds,
 * then a per-process counter, then randomness).
 */
export function newPullRequestId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  sequence = (sequence + 1) % 32 ** 4;
  let id = '';
  for (let i = 7; i >= 0; i--) id += ALPHABET[Math.floor(seconds / 32 ** i) % 32];
  for (let i = 3; i >= 0; i--) id += ALPHABET[Math.floor(sequence / 32 ** i) % 32];
  for (const b of randomBytes(8)) id += ALPHABET[b % 32];
  return id;
}

/** Whether `id` has the form of a pull-request id. */
export const isPullRequestId = (id: string): boolean => /^[0-9a-v]{20}$/.test(id);
