import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

describe('the TypeDoc build', () => {
  it('converts and validates the four entry points with no warning', () => {
    // a child process: TypeDoc is ESM only, which jest's CommonJS VM cannot load; nothing is written
    const run = spawnSync(join(ROOT, 'node_modules/.bin/typedoc'), ['--emit', 'none', '--logLevel', 'Warn'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(output.split('\n').filter((line) => /\[(warning|error)\]/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
  }, 120_000);
});
