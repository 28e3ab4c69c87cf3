import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** A Python interpreter that imports the wanted modules, or why there is none. */
export type FoundPython = { readonly python: string } | { readonly missing: string };

/**
 * Finds the Python `.ci/run` prepares (`LAKEFS_RX_PYTHON`, else the repository's `.venv-ci`, else
 * `python3`) and checks that it imports `modules` (installed from requirements-ci.txt).
 * @param modules - the Python modules the test drives
 * @returns the interpreter path, or the reason it cannot be used
 */
export function findPython(modules: readonly string[]): FoundPython {
  const venv = resolve(__dirname, '../../.venv-ci/bin/python');
  const python = process.env.LAKEFS_RX_PYTHON ?? (existsSync(venv) ? venv : 'python3');
  const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (probe.error) return { missing: `${python}: ${probe.error.message}` };
  if (probe.status !== 0)
    return {
      missing: `${python} cannot import ${modules.join(', ')}: ${probe.stderr.trim().split('\n').pop()}`,
    };
  return { python };
}

/**
 * `describe` for a suite that drives Python: in CI (`CI=true`) a missing interpreter or module fails the
 * suite; locally the suite is skipped with a message.
 */
export function describeWithPython(
  name: string,
  modules: readonly string[],
  body: (python: string) => void,
): void {
  const found = findPython(modules);
  if ('python' in found) {
    describe(name, () => body(found.python));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has Python with its packages (requirements-ci.txt)', () => {
        throw new Error(found.missing);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": ${found.missing}`);
  describe.skip(name, () => body(''));
}
