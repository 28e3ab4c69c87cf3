import { badRequest, conflict, notFound } from '../http/ApiError';
import { validTagId } from './names';
import { resolveRef } from './resolveRef';
import type { RepositoryRecord } from './types';

/**
 * Creates an immutable tag at the commit `ref` names. 409 when the tag exists or a branch has the name;
 * `x$` is 400.
 * @returns the tagged commit id
 */
export function createTag(repo: RepositoryRecord, id: string, ref: string): string {
  const tag = validTagId(id);
  const resolved = resolveRef(repo, ref);
  if (resolved.dollar) throw badRequest('ref: invalid value: validation error: should point to a commit');
  if (repo.tags.has(tag)) throw conflict('tag already exists: not unique');
  if (repo.branches.has(tag)) throw conflict(`branch name ${tag}: conflict found`);
  repo.tags.set(tag, resolved.commit.id);
  return resolved.commit.id;
}

/**
 * The commit id a tag points at; 404 `tag not found`.
 * @returns the commit id
 */
export function findTag(repo: RepositoryRecord, id: string | undefined): string {
  const commitId = repo.tags.get(validTagId(id));
  if (commitId === undefined) throw notFound('tag not found');
  return commitId;
}

/**
 * Deletes a tag; 404 `tag not found`.
 * @param repo - the repository
 * @param id - the tag id
 */
export function deleteTag(repo: RepositoryRecord, id: string | undefined): void {
  findTag(repo, id);
  repo.tags.delete(id as string);
}
