import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The Python packages the third-party client tests drive (pinned in requirements-ci.txt). */
export const PYTHON_MODULES = ['lakefs', 'lakefs_sdk', 'lakefs_spec', 'pandas', 'pyarrow'] as const;

/** A Python interpreter with the client packages, or why there is none. */
export type PythonClients = { readonly python: string } | { readonly missing: string };

/**
 * Finds the Python that `.ci/run` prepares: `LAKEFS_RX_PYTHON`, else the repository's `.venv-ci`, else
 * `python3` — and checks that it imports {@link PYTHON_MODULES}.
 * @returns the interpreter path, or the reason it cannot be used
 */
export function findPythonClients(): PythonClients {
  const venv = resolve(__dirname, '../../.venv-ci/bin/python');
  const python = process.env.LAKEFS_RX_PYTHON ?? (existsSync(venv) ? venv : 'python3');
  const probe = spawnSync(python, ['-c', `import ${PYTHON_MODULES.join(', ')}`], { encoding: 'utf8' });
  if (probe.error) return { missing: `${python}: ${probe.error.message}` };
  if (probe.status !== 0)
    return {
      missing: `${python} cannot import ${PYTHON_MODULES.join(', ')}: ${probe.stderr.trim().split('\n').pop()}`,
    };
  return { python };
}
