import { builtinModules, createRequire } from 'node:module';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const resolveFromHere = createRequire(__filename);

/**
 * The server's and the CLI's own dependencies. They are devDependencies, bundled into dist/server.* and
 * dist/cli.cjs, so that an app using only the core (a browser or Angular app) never installs them.
 */
const BUNDLED = ['commander', 'cli-progress', 'fast-xml-parser', 'find-my-way', 'sorted-btree', 'yaml'];

/**
 * `fp-ts/lib/*` is CommonJS, which makes bundlers (ng build, Vite) warn. Point it at the ES module
 * build of the same file (`fp-ts/es6/*`) and inline the few functions used, so the ESM output imports
 * no CommonJS path (and Node, which cannot import the extensionless-package `es6` files, never sees one).
 */
const fpTsAsEsm: Plugin = {
  name: 'fp-ts-as-esm',
  setup(build) {
    build.onResolve({ filter: /^fp-ts\/lib\// }, (args) => ({
      path: resolveFromHere.resolve(
        args.path.replace(/^fp-ts\/lib\//, 'fp-ts/es6/').replace(/(\.js)?$/, '.js'),
      ),
    }));
  },
};

const NODE_BUILTINS = new Set(builtinModules);

/**
 * Node built-ins stay imports (`node:` kept, so the neutral-platform build knows them as external). A
 * bundled CommonJS dependency (find-my-way) `require`s them; an ES module has no `require`, so in the ESM
 * build each such call is served by a one-line ES module that imports the built-in instead.
 */
const nodeBuiltins: Plugin = {
  name: 'node-builtins',
  setup(build) {
    const esm = build.initialOptions.format === 'esm';
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (!NODE_BUILTINS.has(bare)) return undefined;
      if (esm && args.kind === 'require-call') return { path: bare, namespace: 'builtin-required' };
      return { path: `node:${bare}`, external: true };
    });
    // CommonJS facade (what `require` returns) over an ES module that imports the built-in
    build.onLoad({ filter: /.*/, namespace: 'builtin-required' }, (args) => ({
      contents: `module.exports = require('builtin-imported:${args.path}').default;`,
    }));
    build.onResolve({ filter: /^builtin-imported:/ }, (args) => ({
      path: args.path.slice('builtin-imported:'.length),
      namespace: 'builtin-imported',
    }));
    build.onLoad({ filter: /.*/, namespace: 'builtin-imported' }, (args) => ({
      contents: `import m from 'node:${args.path}'; export default m;`,
    }));
  },
};

/**
 * The browser build (the `browser` export condition): the same core without cross-fetch, which a browser
 * never needs (it has fetch) and whose CommonJS makes `ng build` warn. `'cross-fetch'` there means the
 * global fetch.
 */
const crossFetchIsGlobalFetch: Plugin = {
  name: 'cross-fetch-is-global-fetch',
  setup(build) {
    build.onResolve({ filter: /^cross-fetch$/ }, () => ({ path: 'cross-fetch', namespace: 'global-fetch' }));
    build.onLoad({ filter: /.*/, namespace: 'global-fetch' }, () => ({
      contents: 'export const fetch = (input, init) => globalThis.fetch(input, init);',
    }));
  },
};

/**
 * The CLI reaches the server only through its entry (`src/cli/*` imports `'../server'`); that entry is
 * already built as dist/server.cjs, so the CLI requires it instead of carrying a second copy of the
 * whole server (which made the tarball half as big again).
 */
const serverFromItsEntry: Plugin = {
  name: 'server-from-its-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/server$/ }, (args) =>
      /[\\/]src[\\/]cli$/.test(args.resolveDir) ? { path: './server.cjs', external: true } : undefined,
    );
  },
};

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      node: 'src/node/index.ts',
      server: 'src/server/index.ts',
      angular: 'src/angular/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    // one shared chunk for the core, so that errors thrown through lakefs-rx/node are instanceof lakefs-rx's
    splitting: true,
    noExternal: [...BUNDLED, /^fp-ts\/lib\//],
    external: [/^@angular\//],
    esbuildPlugins: [fpTsAsEsm, nodeBuiltins],
    removeNodeProtocol: false,
    // no source maps in the tarball: they were two thirds of it; the sources are on the repository
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.cjs' }),
  },
  {
    entry: { index: 'src/index.ts', angular: 'src/angular/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    splitting: true,
    noExternal: [/^fp-ts\/lib\//, 'cross-fetch'],
    external: [/^@angular\//],
    esbuildPlugins: [fpTsAsEsm, crossFetchIsGlobalFetch],
    sourcemap: false,
    target: 'es2022',
    platform: 'browser',
    outExtension: () => ({ js: '.mjs' }),
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    noExternal: BUNDLED,
    esbuildPlugins: [fpTsAsEsm, serverFromItsEntry],
    sourcemap: false,
    target: 'es2022',
    platform: 'node',
    outExtension: () => ({ js: '.cjs' }),
  },
]);
