import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');

/** The oldest rxjs the peer range (`^7.5.0`) promises; the package test installs the app with it. */
const OLD_RXJS = '7.5.7';

// Building, packing and installing from the registry take minutes on a busy machine.
jest.setTimeout(600_000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command asynchronously and reports how it ended (never rejects). */
function sh(
  file: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(
  file: string,
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  const run = await sh(file, args, cwd, env);
  if (run.code !== 0)
    throw new Error(`${file} ${args.join(' ')} exited ${run.code}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** Newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Every file path an `exports` map (or part of it) points at. */
function exportTargets(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(exportTargets);
  return [];
}

interface PackageJson {
  readonly name: string;
  readonly main: string;
  readonly module: string;
  readonly types: string;
  readonly exports: Record<string, unknown>;
  readonly bin: Record<string, string>;
}

/** The names of the packages installed under a node_modules directory, nested ones too (not symlinks). */
function installedPackages(modules: string): string[] {
  if (!existsSync(modules)) return [];
  return readdirSync(modules, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name.startsWith('.')) return [];
    const path = join(modules, entry.name);
    if (entry.name.startsWith('@'))
      return readdirSync(path, { withFileTypes: true })
        .filter((scoped) => scoped.isDirectory())
        .flatMap((scoped) => [
          `${entry.name}/${scoped.name}`,
          ...installedPackages(join(path, scoped.name, 'node_modules')),
        ]);
    return [entry.name, ...installedPackages(join(path, 'node_modules'))];
  });
}

/** All a core-only app installs with lakefs-rx (rxjs is its own). */
const CORE_FOOTPRINT = new Set([
  'lakefs-rx',
  'rxjs',
  'tslib',
  'io-ts',
  'fp-ts',
  'cross-fetch',
  'node-fetch',
  'whatwg-url',
  'tr46',
  'webidl-conversions',
]);

/** The script both module systems run: start the server, create and list a repository, check error classes. */
const smokeBody = `
const all = (source) =>
  new Promise((resolve, reject) => {
    const values = [];
    source.subscribe({ next: (v) => values.push(v), error: reject, complete: () => resolve(values) });
  });
const server = await startServer();
try {
  const credentials = { endpoint: server.url, ...server.credentials };
  const lakefs = new LakeFS(credentials);
  const created = await all(lakefs.repository(REPO).create());
  const listed = await all(lakefs.repositories({ prefix: REPO }));
  const nodeClient = new NodeLakeFS(credentials);
  let notFound = 'no error';
  try {
    await all(nodeClient.repository('missing-' + REPO).properties());
  } catch (error) {
    notFound = { name: error.name, sameClass: error instanceof NotFoundError, lakefsError: isLakeFSError(error) };
  }
  console.log(JSON.stringify({
    created: created.map((r) => r.id),
    listed: listed.map((r) => r.id),
    nodeIsCore: nodeClient instanceof LakeFS,
    notFound,
  }));
} finally {
  await server.close();
}
`;

const esmSmoke = `import { LakeFS, NotFoundError, isLakeFSError } from 'lakefs-rx';
import { LakeFS as NodeLakeFS } from 'lakefs-rx/node';
import { startServer } from 'lakefs-rx/server';
const REPO = 'pack-esm';
${smokeBody}`;

const cjsSmoke = `const { LakeFS, NotFoundError, isLakeFSError } = require('lakefs-rx');
const { LakeFS: NodeLakeFS } = require('lakefs-rx/node');
const { startServer } = require('lakefs-rx/server');
const REPO = 'pack-cjs';
(async () => {
${smokeBody}
})().catch((error) => {
  console.error(error);
  process.exit(1);
});`;

/** Type-checks imports of every entry point the way a consumer's TypeScript resolves them. */
const typesSmokeMts = `import { LakeFS, type RepositoryInfo } from 'lakefs-rx';
import { LakeFS as NodeLakeFS } from 'lakefs-rx/node';
import { startServer, type LocalServer } from 'lakefs-rx/server';
export async function check(): Promise<RepositoryInfo[]> {
  const server: LocalServer = await startServer();
  const lakefs: LakeFS = new NodeLakeFS({ endpoint: server.url, ...server.credentials });
  const out: RepositoryInfo[] = [];
  lakefs.repositories().subscribe((r) => out.push(r));
  return out;
}
`;
const typesSmokeCts = typesSmokeMts.replace('export async function check', 'export async function checkCjs');

describe('the npm package', () => {
  let pkg: PackageJson;
  let work: string;
  let project: string;
  let tarball: string;

  beforeAll(async () => {
    pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    // Rebuild only when the sources are newer than the build (`npm test` has just built it).
    const built = existsSync(join(DIST, 'index.cjs')) ? statSync(join(DIST, 'index.cjs')).mtimeMs : 0;
    if (built < newest(join(ROOT, 'src'))) await ok('npm', ['run', 'build'], ROOT);
    work = await mkdtemp(join(tmpdir(), 'lakefs-rx-pack-'));
    const packed = JSON.parse(
      await ok('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT),
    ) as { filename: string }[];
    tarball = join(work, packed[0]?.filename ?? '');
    project = join(work, 'consumer');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      // an app on an older rxjs minor than the one lakefs-rx is developed with: the peer range must take it
      JSON.stringify({ name: 'consumer', private: true, version: '1.0.0', dependencies: { rxjs: OLD_RXJS } }),
    );
    await ok('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], project);
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('points every exports, main, module, types and bin entry at a file the build produced and the tarball holds', async () => {
    const targets = [
      ...exportTargets(pkg.exports).filter((t) => t !== './package.json'),
      pkg.main,
      pkg.module,
      pkg.types,
      ...Object.values(pkg.bin),
    ];
    const installed = join(project, 'node_modules', pkg.name);
    const missing = targets.filter((t) => !existsSync(join(installed, t)));
    expect(missing).toEqual([]);
    expect(existsSync(join(installed, 'dist', 'cli.cjs'))).toBe(true);
  });

  it('keeps sources, specs and configuration out of the tarball', async () => {
    const files = (await ok('tar', ['-tzf', tarball], work)).split('\n').filter((f) => f !== '');
    expect(files.filter((f) => /^package\/(src|spec|examples|bench)\//.test(f))).toEqual([]);
    expect(files).toContain('package/package.json');
    expect(files).toContain('package/README.md');
  });

  it('works from an ES module: imports all three entries, starts the server, creates and lists a repository', async () => {
    await writeFile(join(project, 'smoke.mjs'), esmSmoke);
    const out = JSON.parse(await ok(process.execPath, ['smoke.mjs'], project)) as Record<string, unknown>;
    expect(out).toEqual({
      created: ['pack-esm'],
      listed: ['pack-esm'],
      nodeIsCore: true,
      notFound: { name: 'NotFoundError', sameClass: true, lakefsError: true },
    });
  });

  it('works from CommonJS: requires all three entries, starts the server, creates and lists a repository', async () => {
    await writeFile(join(project, 'smoke.cjs'), cjsSmoke);
    const out = JSON.parse(await ok(process.execPath, ['smoke.cjs'], project)) as Record<string, unknown>;
    expect(out).toEqual({
      created: ['pack-cjs'],
      listed: ['pack-cjs'],
      // One copy of the core behind all entries: errors from lakefs-rx/node are lakefs-rx's classes.
      nodeIsCore: true,
      notFound: { name: 'NotFoundError', sameClass: true, lakefsError: true },
    });
  });

  it('ships type declarations that resolve for ESM and CommonJS consumers (moduleResolution node16)', async () => {
    // The node and server entries' declarations use Node's types, which a Node consumer has installed.
    await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
    await symlink(
      await realpath(join(ROOT, 'node_modules', '@types', 'node')),
      join(project, 'node_modules', '@types', 'node'),
    );
    await writeFile(join(project, 'types-smoke.mts'), typesSmokeMts);
    await writeFile(join(project, 'types-smoke.cts'), typesSmokeCts);
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['types-smoke.mts', 'types-smoke.cts'],
      }),
    );
    const tsc = await sh(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      project,
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('installs the lakefs-rx command, which runs the demo against its own server', async () => {
    const bin = join(project, 'node_modules', '.bin', 'lakefs-rx');
    const env = { PATH: process.env.PATH ?? '', HOME: work };
    expect((await ok(bin, ['--version'], project, env)).trim()).toMatch(/^\d+\.\d+\.\d+/);
    const demo = await ok(bin, ['demo'], project, env);
    expect(demo).toContain('demo finished');
  });
  it("shares the app's rxjs (a peer, not a nested copy): the client's Observables are the app's", async () => {
    expect(existsSync(join(project, 'node_modules', 'lakefs-rx', 'node_modules', 'rxjs'))).toBe(false);
    const installed = JSON.parse(
      await readFile(join(project, 'node_modules', 'rxjs', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(installed.version).toBe(OLD_RXJS);
    await writeFile(
      join(project, 'peer.mjs'),
      `import { Observable } from 'rxjs';
import { LakeFS } from 'lakefs-rx';
const lakefs = new LakeFS({ endpoint: 'http://127.0.0.1:9', accessKeyId: 'a', secretAccessKey: 'b' });
console.log(JSON.stringify({ observable: lakefs.repositories() instanceof Observable }));`,
    );
    expect(JSON.parse(await ok(process.execPath, ['peer.mjs'], project))).toEqual({ observable: true });
  });

  // Fails until isLakeFSError recognises errors across the ESM and CJS builds (issue 19, engineer i14a's
  // change to src/errors). `it.failing` passes while the assertion fails: when that fix lands this turns
  // red — then make it a plain `it`.
  it.failing(
    'mixes the ESM and CommonJS builds in one process: errors of one are recognised by the other',
    async () => {
      await writeFile(
        join(project, 'mixed.mjs'),
        `import { createRequire } from 'node:module';
import * as esm from 'lakefs-rx';
import { startServer } from 'lakefs-rx/server';
const cjs = createRequire(import.meta.url)('lakefs-rx');
const server = await startServer();
const fail = (client) => new Promise((resolve) =>
  client.repository('missing-mixed').properties().subscribe({ error: resolve, complete: () => resolve(undefined) }));
try {
  const credentials = { endpoint: server.url, ...server.credentials };
  const fromCjs = await fail(new cjs.LakeFS(credentials));
  const fromEsm = await fail(new esm.LakeFS(credentials));
  console.log(JSON.stringify({
    cjsErrorSeenByEsm: esm.isLakeFSError(fromCjs),
    esmErrorSeenByCjs: cjs.isLakeFSError(fromEsm),
    names: [fromCjs?.name, fromEsm?.name],
  }));
} finally {
  await server.close();
}`,
      );
      expect(JSON.parse(await ok(process.execPath, ['mixed.mjs'], project))).toEqual({
        cjsErrorSeenByEsm: true,
        esmErrorSeenByCjs: true,
        names: ['NotFoundError', 'NotFoundError'],
      });
    },
  );

  it('resolves every entry for TypeScript with moduleResolution node10 (typesVersions)', async () => {
    const dir = join(project, 'node10');
    await mkdir(dir);
    await writeFile(
      join(dir, 'node10.ts'),
      `import { LakeFS } from 'lakefs-rx';
import { LakeFS as NodeLakeFS } from 'lakefs-rx/node';
import { startServer } from 'lakefs-rx/server';
import { provideLakeFS } from 'lakefs-rx/angular';
export const client: LakeFS = new NodeLakeFS({ endpoint: 'http://127.0.0.1:9' });
export const start: typeof startServer = startServer;
export const providers = provideLakeFS({ transport: 'fetch' });
`,
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(project, 'node_modules', '@types')],
          // the app's Angular, for the /angular entry's declarations
          paths: { '@angular/*': [join(ROOT, 'node_modules', '@angular', '*')] },
        },
        files: ['node10.ts'],
      }),
    );
    await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
    if (!existsSync(join(project, 'node_modules', '@types', 'node')))
      await symlink(
        await realpath(join(ROOT, 'node_modules', '@types', 'node')),
        join(project, 'node_modules', '@types', 'node'),
      );
    const tsc = await sh(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], dir);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('bundles the core and the Angular entry for a browser from ES modules only, without cross-fetch', async () => {
    const { build } = await import('esbuild');
    await writeFile(
      join(project, 'browser.mjs'),
      `import { LakeFS } from 'lakefs-rx';
import { provideLakeFS } from 'lakefs-rx/angular';
export const client = new LakeFS({ endpoint: location.origin });
export const providers = provideLakeFS({ endpoint: location.origin });`,
    );
    // What Angular's application builder asks esbuild for (ng build's "CommonJS dependency" warning is
    // raised for every module of the bundle that esbuild reports as CommonJS).
    const result = await build({
      absWorkingDir: project,
      entryPoints: ['browser.mjs'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      mainFields: ['es2020', 'es2015', 'browser', 'module', 'main'],
      conditions: ['es2020', 'es2015', 'module'],
      external: ['@angular/*'],
      logLevel: 'silent',
    });
    expect(result.warnings.map((w) => w.text)).toEqual([]);
    const inputs = Object.entries(result.metafile.inputs);
    expect(inputs.filter(([, input]) => input.format === 'cjs').map(([path]) => path)).toEqual([]);
    // the package's `browser` field maps cross-fetch to nothing: the bundle holds none of its bytes
    const fetchPonyfills = inputs.filter(([path]) => /cross-fetch|node-fetch/.test(path));
    expect(
      fetchPonyfills.filter(([path, input]) => !path.startsWith('(disabled):') || input.bytes > 0),
    ).toEqual([]);
    expect(inputs.map(([path]) => path).filter((path) => /fp-ts\/lib\//.test(path))).toEqual([]);
  });

  it("keeps the core's install small: none of the server's or the CLI's dependencies, no source maps", async () => {
    const names = installedPackages(join(project, 'node_modules')).sort();
    for (const serverOnly of [
      'commander',
      'cli-progress',
      'fast-xml-parser',
      'find-my-way',
      'sorted-btree',
      'yaml',
      'better-sqlite3',
    ])
      expect(names).not.toContain(serverOnly);
    // the core: rxjs (the app's), io-ts + fp-ts, cross-fetch (node-fetch behind it, for runtimes without fetch)
    expect(names.filter((name) => !CORE_FOOTPRINT.has(name))).toEqual([]);
    const files = (await ok('tar', ['-tzf', tarball], work)).split('\n');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files).toContain('package/LICENSE');
    expect(statSync(tarball).size).toBeLessThan(1_000_000);
    const manifest = JSON.parse(
      await readFile(join(project, 'node_modules', 'lakefs-rx', 'package.json'), 'utf8'),
    ) as {
      repository?: unknown;
      homepage?: unknown;
      bugs?: unknown;
    };
    expect([manifest.repository, manifest.homepage, manifest.bugs].every(Boolean)).toBe(true);
  });
});
