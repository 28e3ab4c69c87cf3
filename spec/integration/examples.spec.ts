import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { from, lastValueFrom, toArray } from 'rxjs';
import { TransactionError } from '../../src';
import { runBranching } from '../../examples/branching';
import { runBulkUpload } from '../../examples/bulk-upload';
import { csvRows, runCsvStream } from '../../examples/csv-stream';
import { runImportDashboard } from '../../examples/import-dashboard';
import { runQuickstart } from '../../examples/quickstart';
import { runEtl } from '../../examples/transaction';
import { type TestTarget, itLocal, startTarget } from '../support/testLakeFS';

jest.setTimeout(120_000);

/** A stream that keeps what is written to it (for progress bars drawn by the examples). */
function captured(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('examples', () => {
  let target: TestTarget;
  let importRoot: string;

  beforeAll(async () => {
    importRoot = await mkdtemp(join(tmpdir(), 'lakefs-rx-examples-'));
    target = await startTarget({ importRoots: [importRoot] });
  });

  afterAll(async () => {
    await target.close();
    await rm(importRoot, { recursive: true, force: true });
  });

  it('quickstart: creates, lists and deletes a repository', async () => {
    const lines: string[] = [];
    await runQuickstart(target.lakefs, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^server version: /);
    expect(lines).toContainEqual(expect.stringMatching(/^created repository quickstart-/));
    expect(lines.at(-1)).toMatch(/^deleted repository quickstart-/);
  });

  it('branching: branches, diffs, merges, tags the release and reverts main', async () => {
    const lines: string[] = [];
    const tag = await runBranching(target.lakefs, (line) => lines.push(line));
    expect(tag).toMatch(/^[0-9a-f]{64}$/);
    expect(lines).toContain(
      'main...price-update: changed prices/fruit.csv, added prices/nuts.csv, removed prices/veg.csv',
    );
    expect(lines).toContain('main...price-update after merge: 0 changes');
    expect(lines).toContain('main fruit.csv back to 2 rows; veg.csv restored: true');
    expect(lines).toContain('prices-v2 still has 3 fruit rows');
  });

  it('csv-stream: streams 2,001 rows across chunk boundaries, quoted newlines included', async () => {
    const lines: string[] = [];
    const summary = await runCsvStream(target.lakefs, (line) => lines.push(line));
    expect(summary.rows).toBe(2001);
    expect(summary.firstThree.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(summary.totals).toEqual({ north: 24_005, south: 24_500, east: 25_000, west: 25_500 });
    expect(summary.tricky?.note).toBe('a note, with a comma\nand a line break "quoted"');
  });

  it('csv-stream: csvRows parses the same rows however the bytes are chunked', async () => {
    const text = 'a,b\r\n"x, ""y""",é\n\n"multi\nline",last';
    const bytes = new TextEncoder().encode(text);
    const expected = [
      ['a', 'b'],
      ['x, "y"', 'é'],
      ['multi\nline', 'last'],
    ];
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await lastValueFrom(from(chunks).pipe(csvRows(), toArray()))).toEqual(expected);
    }
  });

  it('bulk-upload: uploads 120 objects with never more than 5 in flight', async () => {
    const summary = await runBulkUpload(target.lakefs, () => undefined, { files: 120, concurrency: 5 });
    expect(summary).toMatchObject({ uploaded: 120, listed: 120 });
    expect(summary.maxInFlight).toBeLessThanOrEqual(5);
    expect(summary.maxInFlight).toBeGreaterThan(1);
    expect(summary.commitId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('transaction: lands clean JSON in one merge, and a bad file leaves no trace', async () => {
    const repo = target.lakefs.repository(target.repoId('etl'));
    const main = repo.branch('main');
    await lastValueFrom(repo.create());
    try {
      await lastValueFrom(main.object('raw/users.csv').upload('id,name\n1,ada\n2,grace\n'));
      await lastValueFrom(main.commit('raw data'));
      const landed = await runEtl(target.lakefs, repo.id);
      expect(landed?.mergeRef).toEqual(expect.any(String));
      expect(await lastValueFrom(main.object('clean/users.json').json())).toEqual([
        { id: '1', name: 'ada' },
        { id: '2', name: 'grace' },
      ]);

      await lastValueFrom(main.object('raw/broken.csv').upload('id,name\n3\n'));
      await lastValueFrom(main.commit('a broken file'));
      const head = (await lastValueFrom(main.getCommit())).id;
      await expect(runEtl(target.lakefs, repo.id)).rejects.toBeInstanceOf(TransactionError);
      expect((await lastValueFrom(main.getCommit())).id).toBe(head);
      const hidden = await lastValueFrom(repo.branches({ showHidden: true }).pipe(toArray()));
      expect(hidden.filter((b) => b.id.startsWith('tx-'))).toEqual([]);
    } finally {
      await lastValueFrom(repo.delete({ missingOk: true }));
    }
  });

  itLocal('import-dashboard: draws the bar to 100 % and returns the import commit', async () => {
    const source = join(importRoot, 'dashboard');
    await mkdir(source, { recursive: true });
    for (let i = 0; i < 40; i++) await writeFile(join(source, `event-${i}.json`), `{"id":${i}}`);
    const repo = target.lakefs.repository(target.repoId('dashboard'));
    await lastValueFrom(repo.create());
    try {
      const out = captured();
      const done = await runImportDashboard(target.lakefs, {
        repositoryId: repo.id,
        source: `local://${source}/`,
        expectedObjects: 40,
        pollIntervalMs: 20,
        stream: out.stream,
      });
      expect(done).toMatchObject({ completed: true, ingestedObjects: 40 });
      expect(done.commit?.id).toMatch(/^[0-9a-f]{64}$/);
      expect(out.text()).toContain('40/40 objects');
      const listed = await lastValueFrom(repo.ref('main').objects({ prefix: 'imported/' }).pipe(toArray()));
      expect(listed).toHaveLength(40);
    } finally {
      await lastValueFrom(repo.delete({ missingOk: true }));
    }
  });
});
