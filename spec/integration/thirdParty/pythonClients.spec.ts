import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPython } from '../../support/findPython';
import { againstRealLakeFS, startTarget, type TestTarget } from '../../support/testLakeFS';

// Clients nobody here wrote: lakeFS's own Python SDK and lakefs-spec (with pandas) drive the server
// through flows of ours. In CI the packages must be there (.ci/run installs requirements-ci.txt); locally
// the suite is skipped with the reason when they are not.
const MODULES = ['lakefs', 'lakefs_sdk', 'lakefs_spec', 'pandas', 'pyarrow'];

/** Runs a flow script; resolves with its exit code and everything it printed. */
function runFlow(
  python: string,
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(python, [join(__dirname, script)], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describeWithPython('third-party Python clients', MODULES, (python) => {
  let target: TestTarget;
  let importDir: string;

  beforeAll(async () => {
    importDir = mkdtempSync(join(tmpdir(), 'lakefs-rx-py-import-'));
    writeFileSync(join(importDir, 'one.txt'), 'one');
    writeFileSync(join(importDir, 'two.txt'), 'two');
    target = await startTarget({ importRoots: [importDir] });
  });

  afterAll(async () => {
    await target.close();
    rmSync(importDir, { recursive: true, force: true });
  });

  const envFor = (repo: string): Record<string, string> => ({
    FLOW_ENDPOINT: target.endpoint.replace(/\/api\/v1\/?$/, ''),
    FLOW_ACCESS_KEY_ID: target.credentials.accessKeyId,
    FLOW_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
    FLOW_REPO: repo,
    // imports are observed on the local server, whose import root this test sets (as import.spec does)
    FLOW_IMPORT_DIR: againstRealLakeFS ? '' : importDir,
  });

  it('the lakeFS Python SDK runs repositories, branches, reader/writer, commits, log filters, diff, merge, revert, cherry-pick, tags, reset, transactions and a local:// import', async () => {
    const { code, output } = await runFlow(python, 'sdk_flow.py', envFor(target.repoId('py-sdk')));
    expect({ code, last: output.trim().split('\n').pop() }).toEqual({ code: 0, last: 'flow: ok' });
    if (!againstRealLakeFS) expect(output).toContain('step: import from local://');
  }, 180_000);

  it('lakefs-spec lets pandas write and read lakefs:// paths, in and out of a transaction', async () => {
    const { code, output } = await runFlow(python, 'spec_flow.py', envFor(target.repoId('py-spec')));
    expect({ code, last: output.trim().split('\n').pop() }).toEqual({ code: 0, last: 'flow: ok' });
  }, 180_000);
});
