import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type * as Entry from './clientEntry';

/** Where the bundles go. */
export const BUILD_DIR = resolve(__dirname, '../../.tmp/bench-build');
const BUNDLE = join(BUILD_DIR, 'lakefs-rx.cjs');

/**
 * Whether to run the TypeScript sources through tsx instead of the bundle (`BENCH_SOURCE=1`): handy for
 * profiles with source names, but tsx compiles with `keepNames`, which wraps every named closure in a
 * `__name()` call and adds a few µs per request to client and server alike.
 */
export const fromSource = (): boolean => process.env.BENCH_SOURCE === '1';

/**
 * Bundles `src/` (client, Node helpers and server) with esbuild the way tsup builds the package: ES2022,
 * no `keepNames`, dependencies left to `node_modules`. run.ts calls it once before any section.
 */
export function buildBundle(): void {
  if (fromSource()) return;
  buildSync({
    entryPoints: [join(__dirname, 'clientEntry.ts')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

let loaded: typeof Entry | undefined;

/** lakefs-rx (and the local server) as the benchmarks run it: the bundle, or the sources with `BENCH_SOURCE=1`. */
export function lakefsRx(): typeof Entry {
  if (loaded) return loaded;
  if (fromSource()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only on demand, synchronously
    loaded = require('./clientEntry') as typeof Entry;
    return loaded;
  }
  if (!existsSync(BUNDLE)) buildBundle();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  loaded = require(BUNDLE) as typeof Entry;
  return loaded;
}
