import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node/index.ts', server: 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // one shared chunk for the core, so that errors thrown through lakefs-rx/node are instanceof lakefs-rx's
    splitting: true,
    // sorted-btree has no ESM build that Node can import by name; bundle it into the server chunk
    noExternal: ['sorted-btree'],
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    outExtension: ({ format }) => ({ js: format === 'esm' ? '.mjs' : '.cjs' }),
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    outExtension: () => ({ js: '.cjs' }),
  },
]);
