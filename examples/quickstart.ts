/**
 * Quickstart: the whole loop against any lakeFS. Run it with `npm run demo`.
 */
import { lastValueFrom, toArray } from 'rxjs';
import type { LakeFS } from '../src';

/** Runs the quickstart with `lakefs`, reporting each step through `log`. */
export async function runQuickstart(lakefs: LakeFS, log: (line: string) => void = console.log): Promise<void> {
  const version = await lastValueFrom(lakefs.version());
  log(`server version: ${version.version}`);
  const repoId = `quickstart-${Date.now().toString(36)}`;
  const repo = lakefs.repository(repoId);
  const info = await lastValueFrom(repo.create());
  log(`created repository ${info.id} (namespace ${info.storageNamespace}, default branch ${info.defaultBranch})`);
  const repos = await lastValueFrom(lakefs.repositories({ prefix: 'quickstart-' }).pipe(toArray()));
  log(`repositories with prefix quickstart-: ${repos.length}`);
  await lastValueFrom(repo.delete());
  log(`deleted repository ${repoId}`);
}
