import type { Commit } from '../../models/models';

/**
 * A commit as `log` and `show commit` print it: id, merge parents, author, date, metadata, message.
 * @param commit - the commit
 * @returns the lines, ending with an empty one
 */
export function formatCommit(commit: Commit): string {
  const lines = [`commit ${commit.id}`];
  if (commit.parents.length > 1) lines.push(`Merge: ${commit.parents.map((p) => p.slice(0, 16)).join(' ')}`);
  lines.push(`Author: ${commit.committer}`, `Date:   ${commit.creationDate.toISOString()}`);
  for (const [key, value] of Object.entries(commit.metadata)) lines.push(`Meta:   ${key} = ${value}`);
  lines.push('', ...commit.message.split('\n').map((line) => `    ${line}`), '');
  return lines.join('\n');
}
