// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import rxjsX from 'eslint-plugin-rxjs-x';

/** Import patterns of the given folders from anywhere below src/, and of the client itself. */
const above = (...folders) => [...folders.flatMap((f) => [`**/${f}`, `**/${f}/*`]), '**/client'];
/** What the browser-safe core never imports. */
const APART = ['**/server', '**/server/*', '**/cli/*', '**/node', '**/node/*'];
/** A `no-restricted-imports` rule for `files`, with the message saying which layer rule it enforces. */
const layer = (files, patterns, message, ignores = []) => [
  {
    files: [files],
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'docs/', 'coverage/', 'node_modules/', 'bin/', 'spec/browser/artifacts/', '.tmp/'] },
  { ignores: ['.venv-ci/'] }, // the Python clients CI installs (requirements-ci.txt)
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'rxjs-x': rxjsX },
    rules: {
      ...rxjsX.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['spec/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Layering (DEVELOPERS.md "Layout"): operators is a lakeFS-agnostic leaf; errors is a leaf; http → api →
  // resources, each importing only downwards; the core never reaches the server, the CLI or Node-only code.
  ...layer('src/operators/**/*.ts', ['../*', '../../*'], 'operators/ is a lakeFS-agnostic leaf'),
  ...layer('src/errors/**/*.ts', ['../*', '../../*'], 'errors/ is a leaf'),
  ...layer(
    'src/http/**/*.ts',
    [...above('api', 'resources', 'models', 'config', 'io'), ...APART],
    'http/ is the bottom layer',
  ),
  ...layer('src/api/**/*.ts', [...above('resources', 'io'), ...APART], 'api/ imports only http/ below it'),
  ...layer(
    'src/{resources,io,models,config}/**/*.ts',
    APART,
    'the core stays apart from server, CLI and Node code',
  ),
  { files: ['**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
