/**
 * An ETL step that either fully lands or leaves no trace.
 *
 * `runEtl` reads every raw CSV under `raw/`, validates and converts each row to JSON under `clean/`, inside
 * `branch.transact()`: the writes go to a hidden `tx-…` branch and reach the real branch in one merge
 * commit only if every file converts. A bad row fails the whole step and the branch is left as it was.
 *
 * Run it with `npx tsx examples/transaction.ts` (starts the local server).
 */
import { concatMap, lastValueFrom, map, mergeMap, toArray } from 'rxjs';
import { LakeFS, type ObjectInfo, type TransactionResult, TransactionError } from '../src';
import { startServer } from '../src/server';
import { runIfMain } from './support/runExample';

/** Turns one CSV (header line + rows) into JSON records; throws on a row with the wrong column count. */
export function csvToRecords(path: string, csv: string): Record<string, string>[] {
  const [header = '', ...rows] = csv.split('\n').filter((line) => line.trim() !== '');
  const columns = header.split(',');
  return rows.map((row, i) => {
    const cells = row.split(',');
    if (cells.length !== columns.length)
      throw new Error(`${path} row ${i + 1}: expected ${columns.length} columns, got ${cells.length}`);
    return Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? '']));
  });
}

/**
 * Converts `raw/*.csv` to `clean/*.json` on `branch` as one transaction.
 * @param lakefs - the client
 * @param repositoryId - the repository
 * @param branch - the branch to land on @default 'main'
 * @returns the merge result, or undefined when there was nothing to convert
 */
export async function runEtl(
  lakefs: LakeFS,
  repositoryId: string,
  branch = 'main',
): Promise<TransactionResult | undefined> {
  const target = lakefs.repository(repositoryId).branch(branch);
  const results = await lastValueFrom(
    target
      .transact(
        (tx) =>
          tx.objects({ prefix: 'raw/' }).pipe(
            mergeMap(
              (entry) =>
                tx
                  .object(entry.path)
                  .text()
                  .pipe(
                    map((csv) => csvToRecords(entry.path, csv)),
                    concatMap((records) =>
                      tx
                        .object(entry.path.replace(/^raw\//, 'clean/').replace(/\.csv$/, '.json'))
                        .upload(JSON.stringify(records), { contentType: 'application/json' }),
                    ),
                  ),
              4,
            ),
          ),
        { commitMessage: 'ETL: raw CSV → clean JSON', commitMetadata: { step: 'csv-to-json' } },
      )
      .pipe(toArray()),
  );
  return results[0];
}

async function main(): Promise<void> {
  const server = await startServer();
  const lakefs = new LakeFS({ endpoint: server.url, ...server.credentials });
  const repo = lakefs.repository(`etl-${Date.now().toString(36)}`);
  const main = repo.branch('main');
  try {
    await lastValueFrom(repo.create());
    const upload = (path: string, text: string): Promise<ObjectInfo> =>
      lastValueFrom(main.object(path).upload(text, { contentType: 'text/csv' }));
    await upload('raw/users.csv', 'id,name\n1,ada\n2,grace\n');
    await upload('raw/orders.csv', 'id,user,total\n10,1,9.99\n11,2,5.00\n');
    await lastValueFrom(main.commit('raw data'));

    const landed = await runEtl(lakefs, repo.id);
    console.log(`landed in merge commit ${landed?.mergeRef ?? '(nothing to do)'}`);
    const clean = await lastValueFrom(main.objects({ prefix: 'clean/' }).pipe(toArray()));
    console.log(`clean/: ${clean.map((o) => o.path).join(', ')}`);

    await upload('raw/broken.csv', 'id,name\n3\n');
    await lastValueFrom(main.commit('a broken file'));
    const head = (await lastValueFrom(main.getCommit())).id;
    await runEtl(lakefs, repo.id).catch((error: unknown) => {
      if (!(error instanceof TransactionError)) throw error;
      console.log(`ETL failed and left no trace: ${(error.cause as Error).message}`);
    });
    const after = (await lastValueFrom(main.getCommit())).id;
    const leftovers = await lastValueFrom(repo.branches({ showHidden: true }).pipe(toArray()));
    console.log(
      `head unchanged: ${after === head}; transaction branches left: ${leftovers.filter((b) => b.id.startsWith('tx-')).length}`,
    );
  } finally {
    await lastValueFrom(repo.delete({ missingOk: true })).catch(() => undefined);
    await server.close();
  }
}

runIfMain(module, main);
