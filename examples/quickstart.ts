/**
 * Quickstart: the whole loop against any lakeFS — create a repository, branch, upload (streaming, with
 * progress), list, commit, read back at the commit. Run it with `npm run demo`.
 */
import { lastValueFrom, toArray } from 'rxjs';
import type { LakeFS } from '../src';

/** A generated binary stream: `chunks` × 64 KiB, produced only as fast as the upload pulls it. */
async function* generated(chunks: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < chunks; i++) yield new Uint8Array(64 * 1024).fill(i % 256);
}

/**
 * Runs the quickstart with `lakefs`, reporting each step through `log`. The repository it creates is
 * deleted at the end.
 * @param lakefs - a client for the target server
 * @param log - where each step is reported @default console.log
 */
export async function runQuickstart(
  lakefs: LakeFS,
  log: (line: string) => void = console.log,
): Promise<void> {
  const version = await lastValueFrom(lakefs.version());
  log(`server version: ${version.version}`);
  const repoId = `quickstart-${Date.now().toString(36)}`;
  const repo = lakefs.repository(repoId);
  const info = await lastValueFrom(repo.create());
  log(
    `created repository ${info.id} (namespace ${info.storageNamespace}, default branch ${info.defaultBranch})`,
  );
  try {
    const main = repo.branch(info.defaultBranch);
    const dev = await lastValueFrom(repo.branch('dev').create(main));
    log(`created branch ${dev.id} from ${main.id}`);

    const csv = await lastValueFrom(
      dev.object('tables/users.csv').upload('id,name\n1,ada\n2,grace\n', { contentType: 'text/csv' }),
    );
    log(`uploaded ${csv.path} (${csv.sizeBytes} bytes, checksum ${csv.checksum})`);
    const events = await lastValueFrom(
      dev
        .object('blobs/generated.bin')
        .upload(generated(64), { reportProgress: true, metadata: { kind: 'demo' } })
        .pipe(toArray()),
    );
    const progress = events.filter((e) => e.type === 'progress');
    const done = events.find((e) => e.type === 'done');
    log(
      `streamed blobs/generated.bin: ${progress.length} progress events, last at ${progress.at(-1)?.loaded} bytes`,
    );
    if (done?.type === 'done')
      log(
        `stored ${done.object.path} (${done.object.sizeBytes} bytes, metadata ${JSON.stringify(done.object.metadata)})`,
      );

    const rows = await lastValueFrom(dev.objects({ delimiter: '/' }).pipe(toArray()));
    log(`listing of ${dev.id} with delimiter '/': ${rows.map((r) => `${r.path} [${r.type}]`).join(', ')}`);
    const changes = await lastValueFrom(dev.uncommitted().pipe(toArray()));
    log(`uncommitted on ${dev.id}: ${changes.map((c) => `${c.type} ${c.path}`).join(', ')}`);

    const commit = await lastValueFrom(
      dev.commit('add users and a blob', { metadata: { source: 'quickstart' } }),
    );
    log(`committed ${commit.id.slice(0, 12)} "${commit.message}" by ${commit.committer || '(anonymous)'}`);
    const history = await lastValueFrom(dev.log({ maxAmount: 5 }).pipe(toArray()));
    log(`log of ${dev.id}: ${history.map((c) => `${c.id.slice(0, 12)} ${c.message}`).join(' | ')}`);

    await lastValueFrom(dev.object('tables/users.csv').upload('id,name\n1,ada\n2,grace\n3,linus\n'));
    const atCommit = await lastValueFrom(repo.commit(commit.id).object('tables/users.csv').text());
    const onBranch = await lastValueFrom(dev.object('tables/users.csv').text());
    log(`users.csv at ${commit.id.slice(0, 12)}: ${atCommit.trim().split('\n').length - 1} rows`);
    log(`users.csv on ${dev.id} (staged): ${onBranch.trim().split('\n').length - 1} rows`);
    const tail = await lastValueFrom(dev.object('tables/users.csv').text({ range: { last: 8 } }));
    log(`last 8 bytes: ${JSON.stringify(tail)}`);

    const repos = await lastValueFrom(lakefs.repositories({ prefix: 'quickstart-' }).pipe(toArray()));
    log(`repositories with prefix quickstart-: ${repos.length}`);
  } finally {
    await lastValueFrom(repo.delete());
    log(`deleted repository ${repoId}`);
  }
}
