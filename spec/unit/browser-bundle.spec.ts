import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { type Plugin, build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const NODE_CORE = new Set(builtinModules.map((name) => name.split('/')[0]));

/** An import of Node's core from one module of the bundle. */
interface NodeImport {
  readonly specifier: string;
  readonly importer: string;
}

/** An esbuild plugin that records every import of a Node core module and marks it external. */
function recordNodeImports(found: NodeImport[]): Plugin {
  return {
    name: 'record-node-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.startsWith('node:') ? args.path.slice('node:'.length) : args.path;
        const isCore = args.path.startsWith('node:') || NODE_CORE.has(bare.split('/')[0] ?? '');
        if (!isCore || args.kind === 'entry-point') return undefined;
        found.push({ specifier: args.path, importer: path.relative(ROOT, args.importer) });
        return { path: args.path, external: true };
      });
    },
  };
}

describe('the core entry (src/index.ts) bundled for the browser', () => {
  it('imports no Node built-in module, directly or through a dependency', async () => {
    const found: NodeImport[] = [];
    const result = await build({
      entryPoints: [path.join(ROOT, 'src/index.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      logLevel: 'silent',
      plugins: [recordNodeImports(found)],
    });
    expect(result.errors).toEqual([]);
    expect(found.map(({ specifier, importer }) => `${specifier} (imported by ${importer})`)).toEqual([]);
    expect(result.outputFiles[0]?.text.length).toBeGreaterThan(0);
  });
});
