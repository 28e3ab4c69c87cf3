import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defer, lastValueFrom, takeWhile, tap, toArray } from 'rxjs';
import type { LakeFS } from '../../client';
import type { CliContext } from '../CliContext';
import { formatBytes } from '../output/formatBytes';
import { withProgress } from '../progress/withProgress';

const MiB = 1024 * 1024;

/** A generated binary stream of `mib` MiB in 256 KiB chunks, produced only as fast as the upload pulls it. */
async function* generated(mib: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < mib * 4; i++) yield new Uint8Array(256 * 1024).fill(i % 256);
}

/**
 * The `demo` tour: what sets the library apart, against any lakeFS — a streamed upload with a live
 * progress bar, a branch merged back, a transaction, an import with its status ticks, and a cancelled
 * upload that leaves nothing behind. The repository it creates is deleted at the end.
 * @param lakefs - the client
 * @param cli - the run's context (progress bars, output)
 * @param log - where each step is reported
 * @param importRoot - a directory the server may import from (`local://`), where files are generated
 */
export async function runDemo(
  lakefs: LakeFS,
  cli: CliContext,
  log: (line: string) => void,
  importRoot: string = tmpdir(),
): Promise<void> {
  const version = await lastValueFrom(lakefs.version());
  log(`server version ${version.version}`);
  const repo = lakefs.repository(`demo-${Date.now().toString(36)}`);
  const info = await lastValueFrom(repo.create());
  log(`1. created repository ${info.id} (default branch ${info.defaultBranch})`);
  const files = await mkdtemp(join(importRoot, 'lakefs-rx-demo-'));
  try {
    const main = repo.branch(info.defaultBranch);

    // 1. a streamed upload, the bar fed by the upload's own progress events
    const bar = cli.progress('   upload blobs/big.bin', 'bytes');
    const uploaded = await lastValueFrom(
      main
        .object('blobs/big.bin')
        .upload(generated(16), { reportProgress: true })
        .pipe(
          withProgress(bar, (event) => ({
            loaded: event.type === 'progress' ? event.loaded : 16 * MiB,
            total: 16 * MiB,
          })),
        ),
    );
    if (uploaded.type === 'done')
      log(`   streamed ${formatBytes(uploaded.object.sizeBytes)} with a live progress bar`);
    await lastValueFrom(main.commit('add a big blob'));

    // 2. a branch, a change, a merge
    const dev = await lastValueFrom(repo.branch('dev').create(main));
    await lastValueFrom(dev.object('tables/users.csv').upload('id,name\n1,ada\n2,grace\n'));
    await lastValueFrom(dev.commit('add users'));
    const changes = await lastValueFrom(main.diff(dev).pipe(toArray()));
    const merged = await lastValueFrom(dev.mergeInto(main, { message: 'merge dev' }));
    log(
      `2. merged dev into ${main.id} (${changes.map((c) => `${c.type} ${c.path}`).join(', ')}): ${merged.slice(0, 12)}`,
    );

    // 3. a transaction: all of it lands as one merge, or nothing does
    const result = await lastValueFrom(
      main.transact(
        (tx) =>
          defer(async () => {
            await lastValueFrom(tx.object('tables/users.csv').upload('id,name\n1,ada\n2,grace\n3,linus\n'));
            await lastValueFrom(tx.object('tables/teams.csv').upload('id,team\n1,core\n'));
          }),
        { commitMessage: 'users and teams, together' },
      ),
    );
    log(`3. transaction committed ${result.commit.id.slice(0, 12)} and merged it in one step`);

    // 4. an import, with every status tick the server reported
    const count = 300;
    for (let d = 0; d < 3; d++) await mkdir(join(files, `day-${d}`), { recursive: true });
    for (let i = 0; i < count; i++)
      await writeFile(join(files, `day-${i % 3}`, `event-${i}.json`), `{"id":${i}}`);
    const ticks: number[] = [];
    const importBar = cli.progress('   import', 'objects');
    try {
      const last = await lastValueFrom(
        main
          .importData({ commitMessage: 'import events' })
          .prefix(`local://${files}/`, 'events/')
          .run({ pollIntervalMs: 50 })
          .pipe(
            tap((status) => ticks.push(status.ingestedObjects)),
            withProgress(importBar, (status) => ({ loaded: status.ingestedObjects, total: count })),
          ),
      );
      log(
        `4. imported ${last.ingestedObjects} objects in ${ticks.length} ticks (${ticks.join(' → ')}): ` +
          (last.commit?.id.slice(0, 12) ?? ''),
      );
    } catch (error) {
      // a lakeFS that does not allow local imports from the temporary directory: say so and go on
      log(
        `4. import of local://${files}/ refused: ${error instanceof Error ? error.message : String(error)}`,
      );
      log('   (allow it with LAKEFS_BLOCKSTORE_LOCAL_IMPORT_ENABLED / ..._LOCAL_ALLOWED_EXTERNAL_PREFIXES)');
    }

    // 5. a cancellation: stop pulling after 4 MiB of a 64 MiB upload; the request is aborted
    let sent = 0;
    await lastValueFrom(
      main
        .object('blobs/cancelled.bin')
        .upload(generated(64), { reportProgress: true })
        .pipe(
          takeWhile((event) => event.type === 'progress' && event.loaded < 4 * MiB),
          tap((event) => (sent = event.type === 'progress' ? event.loaded : sent)),
        ),
      { defaultValue: undefined },
    );
    const exists = await lastValueFrom(main.object('blobs/cancelled.bin').exists());
    log(
      `5. cancelled an upload after ${formatBytes(sent)} of 64 MiB: the object ${exists ? 'exists (!)' : 'does not exist'}`,
    );
  } finally {
    await rm(files, { recursive: true, force: true });
    await lastValueFrom(repo.delete());
    log(`deleted repository ${repo.id}`);
  }
}
