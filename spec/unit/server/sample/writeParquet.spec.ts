import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeParquet } from '../../../../src/server/sample/writeParquet';
import { describeWithPython } from '../../../support/findPython';

// A reader we did not write decides: pyarrow (what pandas and polars use) reads the file back.
describeWithPython('writeParquet', ['pyarrow'], (python) => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'lakefs-rx-parquet-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const readBack = (file: Buffer): unknown => {
    const path = join(dir, `t${Math.random().toString(36).slice(2)}.parquet`);
    writeFileSync(path, file);
    const script = [
      'import json, sys, pyarrow.parquet as pq',
      't = pq.read_table(sys.argv[1])',
      'print(json.dumps({"schema": [[f.name, str(f.type), f.nullable] for f in t.schema], "rows": t.to_pylist()}))',
    ].join('\n');
    const run = spawnSync(python, ['-c', script, path], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as unknown;
  };

  it('writes required int64, double and UTF-8 string columns that pyarrow reads back exactly', () => {
    const file = writeParquet([
      { name: 'id', type: 'int64', values: [1, -2, 2 ** 50] },
      { name: 'name', type: 'string', values: ['Baikal', '', 'Łaba ☃'] },
      { name: 'depth', type: 'double', values: [1642.5, -0.25, 0] },
    ]);
    expect(readBack(file)).toEqual({
      schema: [
        ['id', 'int64', false],
        ['name', 'string', false],
        ['depth', 'double', false],
      ],
      rows: [
        { id: 1, name: 'Baikal', depth: 1642.5 },
        { id: -2, name: '', depth: -0.25 },
        { id: 2 ** 50, name: 'Łaba ☃', depth: 0 },
      ],
    });
  });

  it('writes more than 14 columns (a long list header in the footer)', () => {
    const columns = Array.from({ length: 16 }, (_, i) => ({
      name: `c${i}`,
      type: 'int64' as const,
      values: [i],
    }));
    expect((readBack(writeParquet(columns)) as { rows: unknown[] }).rows).toEqual([
      Object.fromEntries(columns.map((c, i) => [c.name, i])),
    ]);
  });

  it('refuses columns of different lengths', () => {
    expect(() =>
      writeParquet([
        { name: 'a', type: 'int64', values: [1] },
        { name: 'b', type: 'int64', values: [] },
      ]),
    ).toThrow('differ in length');
  });
});
