import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the dashboard for the browser (from the core entry only; a Node module would fail the build) and
 * copies its page next to it.
 * @param outdir - where `index.html` and `dashboard.js` go
 * @returns the output directory
 */
export async function buildDashboard(outdir: string): Promise<string> {
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [join(__dirname, 'dashboard.ts')],
    outfile: join(outdir, 'dashboard.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'silent',
  });
  await copyFile(join(__dirname, 'index.html'), join(outdir, 'index.html'));
  return outdir;
}
