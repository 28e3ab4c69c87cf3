/**
 * A feature-branch workflow: branch off main, change data in isolation, review the diff, merge, tag the
 * release, then revert the merge when it turns out to be wrong.
 *
 * Run it with `npx tsx examples/branching.ts` (it starts a local server for the occasion).
 */
import { lastValueFrom, toArray } from 'rxjs';
import { LakeFS, type Branch } from '../src';
import { runAgainstLocalServer, runIfMain } from './support/runExample';

async function upload(branch: Branch, path: string, text: string): Promise<void> {
  await lastValueFrom(branch.object(path).upload(text, { contentType: 'text/csv' }));
}

/**
 * Runs the workflow in a fresh repository (deleted at the end), reporting through `log`.
 * @param lakefs - a client for the target server
 * @param log - where each step is reported @default console.log
 * @returns the id of the release tag's commit
 */
export async function runBranching(
  lakefs: LakeFS,
  log: (line: string) => void = console.log,
): Promise<string> {
  const repo = lakefs.repository(`branching-${Date.now().toString(36)}`);
  await lastValueFrom(repo.create());
  try {
    const main = repo.branch('main');
    await upload(main, 'prices/fruit.csv', 'fruit,price\napple,1.00\npear,1.50\n');
    await upload(main, 'prices/veg.csv', 'veg,price\nleek,0.80\n');
    await lastValueFrom(main.commit('initial prices'));
    log(`main: ${(await lastValueFrom(main.objects().pipe(toArray()))).map((o) => o.path).join(', ')}`);

    // 1. Branch off main: the feature branch sees main's committed data, at no copying cost.
    const feature = await lastValueFrom(repo.branch('price-update').create(main));
    // 2. Change data in isolation; main does not see it.
    await upload(feature, 'prices/fruit.csv', 'fruit,price\napple,1.10\npear,1.50\nplum,2.00\n');
    await lastValueFrom(feature.object('prices/veg.csv').delete());
    await upload(feature, 'prices/nuts.csv', 'nut,price\nalmond,4.00\n');
    const staged = await lastValueFrom(feature.uncommitted().pipe(toArray()));
    log(`uncommitted on ${feature.id}: ${staged.map((c) => `${c.type} ${c.path}`).join(', ')}`);
    await lastValueFrom(feature.commit('update prices', { metadata: { ticket: 'PRICE-42' } }));

    // 3. Review what merging would bring into main.
    const diff = await lastValueFrom(main.diff(feature).pipe(toArray()));
    log(`main...${feature.id}: ${diff.map((c) => `${c.type} ${c.path}`).join(', ')}`);

    // 4. Merge and tag the result as a release.
    const mergeRef = await lastValueFrom(feature.mergeInto(main, { message: 'release price update' }));
    log(`merged into main as ${mergeRef.slice(0, 12)}`);
    const release = await lastValueFrom(repo.tag('prices-v2').create(mergeRef));
    const tagged = await lastValueFrom(release.getCommit());
    log(`tagged ${release.id} at ${tagged.id.slice(0, 12)} "${tagged.message}"`);
    log(
      `main...${feature.id} after merge: ${(await lastValueFrom(main.diff(feature).pipe(toArray()))).length} changes`,
    );

    // 5. The release was wrong: revert the merge (relative to its first parent, the old main).
    const reverted = await lastValueFrom(main.revert(mergeRef, { parentNumber: 1 }));
    log(`reverted with ${reverted.id.slice(0, 12)} "${reverted.message}"`);
    const fruit = await lastValueFrom(main.object('prices/fruit.csv').text());
    const veg = await lastValueFrom(main.object('prices/veg.csv').exists());
    log(`main fruit.csv back to ${fruit.trim().split('\n').length - 1} rows; veg.csv restored: ${veg}`);
    // The tag still points at the release, so it stays readable.
    const released = await lastValueFrom(release.object('prices/fruit.csv').text());
    log(`${release.id} still has ${released.trim().split('\n').length - 1} fruit rows`);
    return tagged.id;
  } finally {
    await lastValueFrom(repo.delete({ missingOk: true }));
  }
}

runIfMain(module, () => runAgainstLocalServer(runBranching));
